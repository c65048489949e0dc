package io.btsnap.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.btsnap.store.BlobId;
import io.btsnap.store.CaptureMode;
import io.btsnap.store.Run;
import io.btsnap.store.RunId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streamed ls --json array reads as the same objects as the maps it replaces. */
class ArrayWriterTest {
  @Test
  void streamedObjectsReadAsTheirMaps() throws Exception {
    List<Map<String, Object>> expected = new ArrayList<>();
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
          BlobId.of(awkward[i].getBytes(StandardCharsets.UTF_8)));
      expected.add(RunJson.summary(run, i));
      array.addObject(fields -> RunJson.summary(run, 3, fields));
    }
    array.end();
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text.lines().count()).as("one object per line, between the brackets").isEqualTo(awkward.length + 2);
    List<?> parsed = (List<?>) JsonReader.parse(text);
    assertThat(parsed).hasSize(awkward.length);
    for (int i = 0; i < awkward.length; i++) {
      Map<?, ?> object = (Map<?, ?>) parsed.get(i);
      Map<String, Object> want = expected.get(i);
      assertThat(new ArrayList<Object>(object.keySet())).isEqualTo(new ArrayList<Object>(want.keySet()));
      assertThat(object.get("params")).isEqualTo(want.get("params"));
      assertThat(object.get("entry")).isEqualTo(want.get("entry"));
      assertThat(object.get("created")).isEqualTo(want.get("created"));
      assertThat(object.get("pinned")).isEqualTo(want.get("pinned"));
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
