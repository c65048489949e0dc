package io.btsnap.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.btsnap.capture.FileSelection;
import io.btsnap.capture.SelectedFile;
import io.btsnap.capture.pipeline.CaptureContent;
import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.capture.pipeline.CaptureResult;
import io.btsnap.store.model.CaptureMode;
import io.btsnap.store.model.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In imports mode the analysis reads every file it follows; the capture stores those very bytes
 * rather than reading the files again, so the run holds the code whose imports were followed.
 */
class ReadOnceTest {
  @TempDir Path tmp;

  @Test
  void importsModeStoresTheBytesTheAnalysisReadNotWhatTheDiskHoldsLater() throws Exception {
    TestProject project = new TestProject(tmp.resolve("proj"));
    Path entry = project.write("main.py", "import helper\nprint(helper.VALUE)\n");
    Path helper = project.write("helper.py", "VALUE = 1\n");
    CaptureRequest request = CaptureRequest.of(entry).withMode(CaptureMode.IMPORTS);
    FileSelection selection = CapturePipeline.select(request);
    assertThat(selection.files()).extracting(f -> f.path().value()).contains("main.py", "helper.py");
    assertThat(selection.files()).allMatch(f -> f.read().isPresent(), "every file the analysis read keeps its bytes");

    // Between selection and read, a file changes on disk (an editor saving mid-sweep).
    Files.writeString(helper, "VALUE = 2  # edited after the analysis\n");
    Files.writeString(entry, "import helper\nimport os\n");
    CaptureContent content = CapturePipeline.read(request, selection);
    try (Store store = TestStores.open(tmp.resolve("store"))) {
      CaptureResult result = CapturePipeline.standard(store).commit(request, content);
      Run run = store.run(result.run().id().value());
      assertThat(new String(store.readFile(run, "helper.py"))).isEqualTo("VALUE = 1\n");
      assertThat(new String(store.readFile(run, "main.py"))).isEqualTo("import helper\nprint(helper.VALUE)\n");
    }
  }

  @Test
  void entryModeReadsTheFileWhenTheContentIsRead() throws Exception {
    TestProject project = new TestProject(tmp.resolve("proj"));
    Path entry = project.write("main.py", "print(1)\n");
    CaptureRequest request = CaptureRequest.of(entry);
    FileSelection selection = CapturePipeline.select(request);
    assertThat(selection.files()).extracting(SelectedFile::read).allMatch(r -> r.isEmpty());
    Files.writeString(entry, "print(2)\n");
    try (Store store = TestStores.open(tmp.resolve("store"))) {
      CaptureResult result = CapturePipeline.standard(store).commit(request, CapturePipeline.read(request, selection));
      assertThat(new String(store.readFile(result.run(), "main.py"))).isEqualTo("print(2)\n");
    }
  }
}
