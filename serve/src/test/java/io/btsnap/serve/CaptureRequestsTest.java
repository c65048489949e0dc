package io.btsnap.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service's reading of a capture request's {@code generated} files: strict, bounded, one line per refusal. */
class CaptureRequestsTest {
  @TempDir Path tmp;

  @SuppressWarnings("unchecked")
  private CaptureRequest read(String fields) throws Exception {
    String text = "{\"op\": \"capture\", \"cwd\": \"" + tmp + "\"" + (fields.isEmpty() ? "" : ", " + fields) + "}";
    return CaptureRequests.read((Map<String, Object>) JsonReader.parse(text), null);
  }

  @Test
  void generatedFilesAreResolvedAgainstTheWorkingFolderAndKeptAsUtf8() throws Exception {
    CaptureRequest request = read("\"entry\": \"nb.cells.py\", \"how\": \"jupyter kernel\", "
        + "\"generated\": {\"nb.cells.py\": \"x = 'é'\\n\", \"" + tmp.resolve("sub/../nb.ipynb") + "\": \"{}\"}");
    assertThat(request.generated()).containsOnlyKeys(tmp.resolve("nb.cells.py"), tmp.resolve("nb.ipynb"));
    assertThat(request.generated().get(tmp.resolve("nb.cells.py"))).isEqualTo("x = 'é'\n".getBytes(StandardCharsets.UTF_8));
    assertThat(request.selection().generated()).containsOnlyKeys(tmp.resolve("nb.cells.py"), tmp.resolve("nb.ipynb"));
  }

  @Test
  void badGeneratedFieldsAreRefusedWithOneLine() {
    assertThatThrownBy(() -> read("\"generated\": [\"nb.cells.py\"]")).hasMessage("'generated' must be an object");
    assertThatThrownBy(() -> read("\"generated\": {\"nb.cells.py\": 3}"))
        .hasMessage("'generated' value of 'nb.cells.py' must be a string");
    assertThatThrownBy(() -> read("\"generated\": {\"\": \"x\"}")).hasMessage("'generated' is not a path: ''");
    assertThatThrownBy(() -> read("\"generated\": {\"a.py\": \"\", \"./a.py\": \"\"}"))
        .hasMessage("'generated' names " + tmp.resolve("a.py") + " twice");
    StringBuilder many = new StringBuilder();
    for (int i = 0; i <= CaptureRequests.MAX_GENERATED_FILES; i++) {
      many.append(i == 0 ? "" : ", ").append("\"f").append(i).append(".py\": \"\"");
    }
    assertThatThrownBy(() -> read("\"generated\": {" + many + "}"))
        .hasMessage("'generated' has 17 files, over 16");
    String big = "x".repeat(CaptureRequests.MAX_GENERATED_BYTES / 2 + 1);
    assertThatThrownBy(() -> read("\"generated\": {\"a.py\": \"" + big + "\", \"b.py\": \"" + big + "\"}"))
        .isInstanceOf(CaptureRequests.BadRequestException.class)
        .hasMessageStartingWith("'generated' files come to over ");
  }
}
