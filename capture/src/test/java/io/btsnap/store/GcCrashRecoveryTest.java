package io.btsnap.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.btsnap.store.internal.index.Index;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.GcProgress;
import io.btsnap.store.model.GcResult;
import io.btsnap.store.model.OrphanFile;
import io.btsnap.store.model.RetentionPolicy;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import io.btsnap.store.model.StoreReferencesMissingDataException;
import io.btsnap.store.model.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** gc after a crash at each step of its protocol leaves a store that verifies clean, nothing kept lost. */
class GcCrashRecoveryTest {
  @TempDir Path tmp;

  static final RetentionPolicy OLDER_THAN_30D =
      new RetentionPolicy(Optional.of(Duration.ofDays(30)), OptionalInt.empty(), Optional.empty(), Map.of());

  @Test
  void listedBlobFoundInTrashIsMovedBack() throws Exception {
    try (GcFixture f = new GcFixture(tmp)) {
      RunId run = f.capture(Map.of("a.py", "a\n"), Map.of());
      BlobId blob = BlobId.of("a\n".getBytes());
      // A gc that crashed after renaming into trash/ and before its commit leaves this.
      Files.createDirectories(f.dir.resolve("trash"));
      Files.move(f.blobFile(blob), f.dir.resolve("trash").resolve(blob.hex()));
      VerifyReport report = f.store.verify();
      assertThat(report.problems()).as("readable from trash/ until put back").isEmpty();
      assertThat(report.inTrash()).containsExactly(blob);
      assertThat(report.reclaimable()).isEmpty();
      f.checkKeptRunsRestore(tmp.resolve("from-trash"), List.of(run));

      GcResult result = f.store.gc(RetentionPolicy.none(), false, GcProgress.NONE);

      assertThat(result.orphans()).isEmpty();
      assertThat(f.blobFile(blob)).exists();
      assertThat(f.dir.resolve("trash").resolve(blob.hex())).doesNotExist();
      assertThat(f.store.verify().isClean()).isTrue();
      f.checkKeptRunsRestore(tmp, List.of(run));
    }
  }

  @Test
  void aCaptureThatReferencesABlobLeftInTrashWritesItBackBeforeItCommits() throws Exception {
    try (GcFixture f = new GcFixture(tmp)) {
      f.capture(Map.of("a.py", "a\n"), Map.of());
      BlobId blob = BlobId.of("a\n".getBytes());
      Files.createDirectories(f.dir.resolve("trash"));
      Files.move(f.blobFile(blob), f.dir.resolve("trash").resolve(blob.hex()));

      RunId again = f.capture(Map.of("a.py", "a\n"), Map.of());

      assertThat(f.blobFile(blob)).as("the new run's blob is in place when it commits").hasContent("a\n");
      VerifyReport report = f.store.verify();
      assertThat(report.isClean()).isTrue();
      assertThat(report.inTrash()).isEmpty();
      assertThat(report.reclaimable()).extracting(OrphanFile::kind).containsExactly("trash");
      f.store.gc(RetentionPolicy.none(), false, GcProgress.NONE);
      assertThat(f.dir.resolve("trash").resolve(blob.hex())).doesNotExist();
      f.checkKeptRunsRestore(tmp, List.of(again));
    }
  }

  @Test
  void unlistedFileInTrashIsDeleted() throws Exception {
    try (GcFixture f = new GcFixture(tmp)) {
      f.capture(Map.of("a.py", "a\n"), Map.of());
      Path planted = f.plant("trash", BlobId.of("gone\n".getBytes()).hex(), "gone\n", Duration.ZERO);
      assertThat(f.store.verify().reclaimable()).extracting(OrphanFile::kind).containsExactly("trash");
      GcResult result = f.store.gc(RetentionPolicy.none(), false, GcProgress.NONE);
      assertThat(result.orphanPaths()).containsExactly(planted);
      assertThat(planted).doesNotExist();
      assertThat(f.store.verify().reclaimable()).isEmpty();
    }
  }

  @Test
  void blobRecordWithoutFileMakesGcRefuse() throws Exception {
    try (GcFixture f = new GcFixture(tmp)) {
      f.capture(Map.of("a.py", "a\n"), Map.of());
      Files.delete(f.blobFile(BlobId.of("a\n".getBytes())));
      assertThatThrownBy(() -> f.store.gc(RetentionPolicy.none(), false, GcProgress.NONE))
          .isInstanceOf(StoreReferencesMissingDataException.class);
      assertThat(f.store.verify().problems()).hasSize(1);
    }
  }

  @Test
  void fileWithoutRecordIsAnOrphanOnlyPastTheGracePeriod() throws Exception {
    try (GcFixture f = new GcFixture(tmp)) {
      f.capture(Map.of("a.py", "a\n"), Map.of());
      BlobId stray = BlobId.of("stray\n".getBytes());
      Path file = f.plant("blobs/" + stray.hex().substring(0, 2), stray.hex(), "stray\n", Duration.ofMinutes(59));
      assertThat(f.store.gc(RetentionPolicy.none(), false, GcProgress.NONE).orphans()).isEmpty();
      f.clock.advance(Duration.ofMinutes(2));
      assertThat(f.store.gc(RetentionPolicy.none(), false, GcProgress.NONE).orphanPaths()).containsExactly(file);
      assertThat(f.store.verify().isClean()).isTrue();
    }
  }

  /**
   * A failure injected at each file step of a gc that deletes an old run sharing one blob with
   * a kept run. Whatever is left, the next gc recovers and finishes, and the kept run is whole.
   */
  @ParameterizedTest(name = "{0} after {1} successful calls")
  @CsvSource({"MOVE, 0", "MOVE, 1", "SYNC_DIRECTORY, 0", "DELETE, 0", "DELETE, 1"})
  void gcCrashAtAnyStepRecovers(FailingFileOperations.Step step, int successes) throws Exception {
    FailingFileOperations files = new FailingFileOperations();
    try (GcFixture f = new GcFixture(tmp, files)) {
      f.capture(Map.of("shared.py", "s\n", "old1.py", "o1\n", "old2.py", "o2\n"), Map.of());
      f.clock.advance(Duration.ofDays(40));
      RunId kept = f.capture(Map.of("shared.py", "s\n", "new.py", "n\n"), Map.of());
      // Make recovery have work: a listed blob sits in trash as after an earlier crash.
      BlobId shared = BlobId.of("s\n".getBytes());
      Files.createDirectories(f.dir.resolve("trash"));
      Files.move(f.blobFile(shared), f.dir.resolve("trash").resolve(shared.hex()));

      files.failAt(step, successes);
      assertThatThrownBy(() -> f.store.gc(OLDER_THAN_30D, false, GcProgress.NONE))
          .hasMessageContaining("injected failure at " + step);
      files.heal();

      f.store.gc(OLDER_THAN_30D, false, GcProgress.NONE);
      VerifyReport report = f.store.verify();
      assertThat(report.problems()).isEmpty();
      assertThat(report.reclaimable()).isEmpty();
      assertThat(f.store.runs()).extracting(Run::id).containsExactly(kept);
      assertThat(f.store.usage().blobs()).isEqualTo(2);
      f.checkKeptRunsRestore(tmp, List.of(kept));
    }
  }

  @Test
  void gcSeesTheSameIndexAsAnotherHandleInTheJvm() throws Exception {
    try (GcFixture f = new GcFixture(tmp)) {
      f.capture(Map.of("a.py", "a\n"), Map.of());
      Index shared = Index.acquire(f.dir.resolve("index"), Index.DEFAULT_MAP_SIZE);
      try {
        long count = shared.read(r -> r.runCount());
        assertThat(count).isEqualTo(1);
      } finally {
        shared.release();
      }
    }
  }
}
