package io.btsnap.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.store.model.CaptureMode;
import io.btsnap.store.model.Environment;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environment of runs: what the caller reports, the git state read from a real repository. */
class EnvironmentTest {
  @TempDir Path tmp;
  Path repo;
  Path entry;

  @BeforeEach
  void repository() throws Exception {
    repo = Files.createDirectories(tmp.resolve("repo"));
    Files.writeString(repo.resolve("main.py"), "import risk\n");
    Files.writeString(repo.resolve("risk.py"), "LIMIT = 1\n");
    Files.writeString(repo.resolve("notes.txt"), "not captured\n");
    entry = repo.resolve("main.py");
  }

  @Test
  void gitCommitBranchAndWhetherTheCapturedFilesDifferFromIt() throws Exception {
    assumeTrue(gitWorks(), "git is not installed");
    git("init", "-q", "-b", "research");
    git("add", ".");
    git("commit", "-q", "-m", "first");
    String head = git("rev-parse", "HEAD").strip();
    try (Store store = Store.open(tmp.resolve("store"))) {
      Map<String, String> clean = capture(store).environment().values();
      assertThat(clean).containsEntry("git.commit", head).containsEntry("git.branch", "research")
          .containsEntry("git.dirty", "false");

      Files.writeString(repo.resolve("notes.txt"), "edited, but not captured\n");
      assertThat(capture(store).environment().values()).as("only captured files count").containsEntry("git.dirty", "false");

      Files.writeString(repo.resolve("risk.py"), "LIMIT = 2\n");
      assertThat(capture(store).environment().values()).containsEntry("git.dirty", "true");
      git("add", "risk.py");
      assertThat(capture(store).environment().values()).as("staged, not committed").containsEntry("git.dirty", "true");
      git("commit", "-q", "-m", "second");
      git("pack-refs", "--all");
      Map<String, String> packed = capture(store).environment().values();
      assertThat(packed).containsEntry("git.commit", git("rev-parse", "HEAD").strip()).containsEntry("git.dirty", "false");

      git("checkout", "-q", "--detach", head);
      Files.writeString(repo.resolve("risk.py"), "LIMIT = 1\n");
      assertThat(capture(store).environment().values()).containsEntry("git.branch", "(detached)")
          .containsEntry("git.commit", head).containsEntry("git.dirty", "false");
    }
  }

  @Test
  void outsideARepositoryOnlyWhatTheCallerReportedAndOneRecordForManyRuns() throws Exception {
    Map<String, String> reported = Map.of("python", "3.11.7", "implementation", "CPython", "pkg:numpy", "1.26.4");
    Path storeDir = tmp.resolve("store");
    List<RunId> ids = new ArrayList<>();
    try (Store store = Store.open(storeDir)) {
      for (int i = 0; i < 50; i++) {
        ids.add(CapturePipeline.standard(store).capture(CaptureRequest.of(entry).withMode(CaptureMode.IMPORTS).withEnvironment(reported)
            .withParams(Map.of("i", "" + i)).withMinFreeBytes(0)).run().id());
      }
    }
    try (Store reopened = Store.open(storeDir)) {
      for (RunId id : ids) {
        assertThat(reopened.run(id.value()).environment().values()).isEqualTo(new java.util.TreeMap<>(reported));
      }
      Run older = reopened.run(ids.get(0).value());
      Run upgraded = CapturePipeline.standard(reopened).capture(CaptureRequest.of(entry).withMode(CaptureMode.IMPORTS).withMinFreeBytes(0)
          .withEnvironment(Map.of("python", "3.11.7", "implementation", "CPython", "pkg:numpy", "2.0.0"))).run();
      assertThat(older.environment().changesTo(upgraded.environment()))
          .containsExactly(new Environment.Change("pkg:numpy", "1.26.4", "2.0.0"));
      assertThat(older.environment().summary()).isEqualTo("CPython 3.11.7, 1 package");
      Path archive = tmp.resolve("runs.tar.gz");
      reopened.exportRuns(List.of(older.id().value()), archive);
      try (Store other = Store.open(tmp.resolve("other"))) {
        other.importArchive(archive);
        assertThat(other.run(older.id().value()).environment()).isEqualTo(older.environment());
      }
    }
  }

  private Run capture(Store store) throws IOException {
    return CapturePipeline.standard(store).capture(CaptureRequest.of(entry).withMode(CaptureMode.IMPORTS).withMinFreeBytes(0)).run();
  }

  private static boolean gitWorks() {
    try {
      return new ProcessBuilder("git", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private String git(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-C", repo.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }
}
