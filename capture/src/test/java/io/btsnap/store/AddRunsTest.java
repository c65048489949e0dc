package io.btsnap.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.CaptureMode;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs made in one store added to another: together, or not at all. */
class AddRunsTest {
  @TempDir Path tmp;

  @Test
  void aBatchMissingOneBlobAddsNothingAndAWholeBatchAddsAll() throws Exception {
    Path project = Files.createDirectories(tmp.resolve("p"));
    Files.writeString(project.resolve("pyproject.toml"), "");
    Files.writeString(project.resolve("main.py"), "import risk\n");
    try (Store from = Store.open(tmp.resolve("from")); Store to = Store.open(tmp.resolve("to"))) {
      Map<Run, Manifest> runs = new LinkedHashMap<>();
      Map<BlobId, byte[]> contents = new LinkedHashMap<>();
      for (int i = 0; i < 3; i++) {
        Files.writeString(project.resolve("risk.py"), "LIMIT = " + i + "\n");
        Run run = CapturePipeline.standard(from).capture(CaptureRequest.of(project.resolve("main.py")).withMode(CaptureMode.IMPORTS).withMinFreeBytes(0)).run();
        Manifest manifest = from.manifest(run);
        runs.put(run, manifest);
        for (ManifestEntry e : manifest.entries()) {
          contents.put(e.blob(), from.blob(e.blob()));
        }
      }
      Map<BlobId, byte[]> short1 = new LinkedHashMap<>(contents);
      short1.remove(BlobId.of("LIMIT = 2\n".getBytes()));
      assertThatThrownBy(() -> to.addRuns(runs, short1)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no content for blob");
      assertThat(to.runs()).as("nothing of the batch").isEmpty();

      assertThat(to.addRuns(runs, contents)).containsExactly(true, true, true);
      assertThat(to.addRuns(runs, contents)).as("present already").containsExactly(false, false, false);
      for (Run run : runs.keySet()) {
        assertThat(new String(to.readFile(to.run(run.id().value()), "risk.py"))).isEqualTo(new String(from.readFile(run, "risk.py")));
      }
      assertThat(to.verify().isClean()).isTrue();
      assertThat(List.copyOf(to.runs())).hasSize(3);
    }
  }
}
