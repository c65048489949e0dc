package io.btsnap.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.json.JsonReader;
import io.btsnap.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's read requests on a real store: pages that add up to the listing, strict fields. */
class RunReadsTest {
  @TempDir Path tmp;

  @SuppressWarnings("unchecked")
  private static Map<String, Object> answer(Store store, String request) throws Exception {
    return (Map<String, Object>) JsonReader.parse(RunReads.answer(store, (Map<String, Object>) JsonReader.parse(request)));
  }

  @Test
  @SuppressWarnings("unchecked")
  void pagesFollowEachOtherToTheWholeFilteredListingNewestFirst() throws Exception {
    Path entry = Files.writeString(Files.createDirectories(tmp.resolve("proj")).resolve("s.py"), "x = 1\n");
    try (Store store = Store.open(tmp.resolve("store"))) {
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        String id = CapturePipeline.standard(store).capture(CaptureRequest.of(entry).withParams(Map.of("i", "" + i))
            .withLabels(Map.of("sweep", i % 2 == 0 ? "even" : "odd"))).run().id().value();
        if (i % 2 == 0) {
          expected.add(0, id);
        }
      }
      List<String> listed = new ArrayList<>();
      String after = null;
      do {
        Map<String, Object> reply = answer(store, "{\"op\": \"runs\", \"labels\": {\"sweep\": \"even\"}, \"limit\": 3"
            + (after == null ? "" : ", \"after\": \"" + after + "\"") + "}");
        assertThat(reply.get("ok")).isEqualTo(true);
        for (Object run : (List<?>) reply.get("runs")) {
          listed.add((String) ((Map<String, Object>) run).get("id"));
          assertThat(((Map<String, Object>) run).get("fileCount")).isEqualTo(1L);
        }
        after = (String) reply.get("next");
      } while (after != null);
      assertThat(listed).isEqualTo(expected);
      Map<String, Object> read = answer(store, "{\"op\": \"read\", \"run\": \"" + expected.get(0) + "\", \"path\": \"s.py\"}");
      assertThat(java.util.Base64.getDecoder().decode((String) read.get("content"))).isEqualTo("x = 1\n".getBytes());
    }
  }

  @Test
  void badReadRequestsAreRefusedWithOneLine() throws Exception {
    try (Store store = Store.open(tmp.resolve("store"))) {
      assertThatThrownBy(() -> answer(store, "{\"op\": \"runs\", \"order\": \"x\"}")).hasMessage("unknown field 'order' in runs request");
      assertThatThrownBy(() -> answer(store, "{\"op\": \"runs\", \"after\": \"nope\"}"))
          .hasMessage("'after' must be a run id, the 'next' of the previous reply");
      assertThatThrownBy(() -> answer(store, "{\"op\": \"runs\", \"where\": [\"sharpe\"]}"))
          .hasMessageStartingWith("--where needs METRIC OP NUMBER");
      assertThatThrownBy(() -> answer(store, "{\"op\": \"runs\", \"limit\": 0}")).hasMessage("'limit' must be positive");
      assertThatThrownBy(() -> answer(store, "{\"op\": \"read\", \"run\": \"latest\"}")).hasMessage("read request needs 'path'");
      assertThatThrownBy(() -> answer(store, "{\"op\": \"run\"}")).hasMessage("run request needs 'run'");
    }
  }
}
