package io.btsnap.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.store.Store;
import io.btsnap.store.model.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code rootAs} field: a worker reads the project from an engine's copy of it (Ray's
 * {@code working_dir}) and the run records the project as its driver sees it.
 */
class CaptureRequestsRootAsTest {
  @TempDir Path tmp;

  @Test
  void aCopyIsReadButTheRunNamesTheOriginalRootWithTheOriginalsManifest() throws Exception {
    Path original = project(tmp.resolve("project"));
    Path copy = project(tmp.resolve("runtime_resources/working_dir_files/_ray_pkg_0123abcd"));
    Files.writeString(copy.resolve("helpers.py"), "SLOW = 30\n"); // what really ran differs: the run must say so
    try (Store store = Store.open(tmp.resolve("store"))) {
      Run driver = capture(store, request(original, original.resolve("sweep.py"), null));
      Run worker = capture(store, request(copy, copy.resolve("sweep.py"), original));

      assertThat(worker.root()).isEqualTo(original.toRealPath().toString());
      assertThat(worker.entry()).isEqualTo("sweep.py");
      assertThat(worker.provenance().text()).doesNotContain("_ray_pkg_");
      assertThat(store.manifest(worker).entries()).extracting(e -> e.path().value())
          .containsExactly("helpers.py", "sweep.py");
      assertThat(worker.manifest()).isNotEqualTo(driver.manifest());

      Files.writeString(copy.resolve("helpers.py"), "SLOW = 20\n");
      Run same = capture(store, request(copy, copy.resolve("sweep.py"), original));
      assertThat(same.manifest()).isEqualTo(driver.manifest());
    }
  }

  @Test
  void theGitStateIsTheOriginalsWhenTheCopyLeftGitOut() throws Exception {
    Path original = project(tmp.resolve("project"));
    git(original, "init", "-q");
    git(original, "add", ".");
    git(original, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "strategy");
    Path copy = project(tmp.resolve("_ray_pkg_0123abcd"));
    try (Store store = Store.open(tmp.resolve("store"))) {
      Run driver = capture(store, request(original, original.resolve("sweep.py"), null));
      Run worker = capture(store, request(copy, copy.resolve("sweep.py"), original));
      assertThat(driver.environment().values()).containsKeys("git.commit", "git.branch", "git.dirty");
      assertThat(worker.environment().values()).containsAllEntriesOf(driver.environment().values());
    }
  }

  private static void git(Path dir, String... args) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git", "-C", dir.toString()));
    command.addAll(java.util.List.of(args));
    Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(git.waitFor()).as(out).isZero();
  }

  @Test
  void theOriginalNeedNotExistOnTheWorkersMachine() throws Exception {
    Path copy = project(tmp.resolve("copy"));
    Path elsewhere = Path.of("/home/researcher/never-on-this-node");
    try (Store store = Store.open(tmp.resolve("store"))) {
      Run worker = capture(store, request(copy, copy.resolve("sweep.py"), elsewhere));
      assertThat(worker.root()).isEqualTo(elsewhere.toString());
    }
  }

  @Test
  void aRelativeRootAsIsRefusedInOneLine() throws Exception {
    Path copy = project(tmp.resolve("copy"));
    Map<String, Object> json = request(copy, copy.resolve("sweep.py"), null);
    json.put("rootAs", "project");
    assertThatThrownBy(() -> CaptureRequests.read(json, null))
        .isInstanceOf(CaptureRequests.BadRequestException.class)
        .hasMessage("'rootAs' must be an absolute path: project");
  }

  @Test
  void rootAsWithoutTheCopysRootIsRefusedInOneLine() throws Exception {
    Path copy = project(tmp.resolve("copy"));
    Map<String, Object> json = request(copy, copy.resolve("sweep.py"), tmp.resolve("project"));
    json.remove("root");
    assertThatThrownBy(() -> CaptureRequests.read(json, null))
        .isInstanceOf(CaptureRequests.BadRequestException.class)
        .hasMessage("'rootAs' needs 'root', the copy the files are read from");
  }

  @Test
  void rootAsMustBeAString() throws Exception {
    Path copy = project(tmp.resolve("copy"));
    Map<String, Object> json = request(copy, copy.resolve("sweep.py"), null);
    json.put("rootAs", 7L);
    assertThatThrownBy(() -> CaptureRequests.read(json, null)).hasMessage("'rootAs' must be a string");
  }

  private static Path project(Path dir) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("sweep.py"), "import helpers\nprint(helpers.SLOW)\n");
    Files.writeString(dir.resolve("helpers.py"), "SLOW = 20\n");
    return dir;
  }

  private static Map<String, Object> request(Path root, Path entry, Path rootAs) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("op", "capture");
    json.put("cwd", root.toString());
    json.put("entry", entry.toString());
    json.put("how", "ray driver (job entrypoint)");
    json.put("mode", "imports");
    json.put("root", root.toString());
    if (rootAs != null) {
      json.put("rootAs", rootAs.toString());
    }
    return json;
  }

  private static Run capture(Store store, Map<String, Object> json) throws Exception {
    CaptureRequest request = CaptureRequests.read(json, null);
    return CapturePipeline.standard(store).capture(request).run();
  }
}
