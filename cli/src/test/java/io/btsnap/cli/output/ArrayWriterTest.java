package io.btsnap.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.btsnap.json.Json;
import io.btsnap.json.JsonReader;
import io.btsnap.store.codec.RunJson;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.CaptureMode;
import io.btsnap.store.model.Provenance;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streamed ls --json array reads back as the runs it was written from. */
class ArrayWriterTest {
  @Test
  void streamedObjectsReadBackAsTheirRuns() throws Exception {
    List<Run> expected = new ArrayList<>();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Json.ArrayWriter array = new Json.ArrayWriter(bytes);
    String[] awkward = {"plain", "quote \" and \\ back", "line\nbreak\ttab", "ctl \u0001", "é ü 日本 😀", ""};
    for (int i = 0; i < awkward.length; i++) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("k" + i, awkward[i]);
      params.put(awkward[i], "v");
      Run run = new Run(
          RunId.forInstant(Instant.ofEpochMilli(1_790_000_000_000L + i)), Instant.ofEpochMilli(1_790_000_000_000L + i),
          CaptureMode.IMPORTS, "dir/" + awkward[i] + ".py", "/root/" + awkward[i], params, Map.of(), i % 2 == 0,
          BlobId.of(awkward[i].getBytes(StandardCharsets.UTF_8)), Provenance.NONE, io.btsnap.store.model.Environment.NONE, Map.of());
      expected.add(run);
      array.addObject(fields -> RunJson.summary(run, 3, fields));
    }
    array.end();
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text.lines().count()).as("one object per line, between the brackets").isEqualTo(awkward.length + 2);
    List<?> parsed = (List<?>) JsonReader.parse(text);
    assertThat(parsed).hasSize(awkward.length);
    for (int i = 0; i < awkward.length; i++) {
      Map<?, ?> object = (Map<?, ?>) parsed.get(i);
      Run want = expected.get(i);
      assertThat(new ArrayList<Object>(object.keySet())).containsExactly(
          "id", "created", "mode", "entry", "root", "params", "labels", "metrics", "pinned", "manifest", "fileCount");
      assertThat(object.get("id")).isEqualTo(want.id().value());
      assertThat(object.get("created")).isEqualTo(want.created().toString());
      assertThat(object.get("mode")).isEqualTo("imports");
      assertThat(object.get("entry")).isEqualTo(want.entry());
      assertThat(object.get("root")).isEqualTo(want.root());
      assertThat(new ArrayList<Object>(((Map<?, ?>) object.get("params")).entrySet()))
          .isEqualTo(new ArrayList<Object>(want.params().entrySet()));
      assertThat(object.get("labels")).isEqualTo(Map.of());
      assertThat(object.get("metrics")).isEqualTo(Map.of());
      assertThat(object.get("pinned")).isEqualTo(want.pinned());
      assertThat(object.get("manifest")).isEqualTo(want.manifest().hex());
      assertThat(((Number) object.get("fileCount")).intValue()).isEqualTo(3);
    }
  }

  @Test
  void anEmptyArrayIsTwoBrackets() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Json.ArrayWriter array = new Json.ArrayWriter(bytes);
    array.end();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("[]\n");
  }
}
