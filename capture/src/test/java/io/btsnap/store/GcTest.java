package io.btsnap.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.btsnap.store.internal.blob.TempFileOwner;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcTest {
  @TempDir Path tmp;

  static RetentionPolicy olderThan(int days) {
    return new RetentionPolicy(Optional.of(Duration.ofDays(days)), OptionalInt.empty(), Optional.empty(), Map.of());
  }

  @Test
  void blobSharedByADeletedAndAKeptRunSurvives() throws Exception {
    try (GcFixture f = new GcFixture(tmp)) {
      RunId old = f.capture(Map.of("shared.py", "shared\n", "only_old.py", "old\n"), Map.of());
      f.clock.advance(Duration.ofDays(40));
      RunId recent = f.capture(Map.of("shared.py", "shared\n", "only_new.py", "new\n"), Map.of());

      GcResult result = f.store.gc(olderThan(30), false, GcProgress.NONE);

      assertThat(result.runs()).containsExactly(old);
      assertThat(result.blobs()).containsExactly(BlobId.of("old\n".getBytes()));
      assertThat(Files.exists(f.blobFile(BlobId.of("shared\n".getBytes())))).isTrue();
      assertThat(Files.exists(f.blobFile(BlobId.of("old\n".getBytes())))).isFalse();
      assertThat(f.store.verify().isClean()).isTrue();
      assertThat(f.store.verify().reclaimable()).isEmpty();
      f.checkKeptRunsRestore(tmp, List.of(recent));
    }
  }

  @Test
  void dryRunListsExactlyWhatTheRealRunDeletes() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    try (GcFixture f = new GcFixture(tmp)) {
      List<RunId> all = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int k = 0; k < 1 + random.nextInt(4); k++) {
          files.put("m" + random.nextInt(6) + ".py", "v" + random.nextInt(4) + "\n");
        }
        all.add(f.capture(files, random.nextInt(4) == 0 ? Map.of("best", "yes") : Map.of()));
        if (random.nextInt(6) == 0) {
          f.store.pin(all.get(all.size() - 1).value(), true);
        }
      }
      f.plant("blobs/ab", "ab" + "0".repeat(62), "orphan", Duration.ofHours(3));
      f.plant("tmp", "partial.123", "temp", Duration.ofHours(2));
      f.plant("trash", "ff" + "1".repeat(62), "trash", Duration.ofMinutes(1));
      RetentionPolicy policy = new RetentionPolicy(Optional.of(Duration.ofDays(5 + random.nextInt(20))),
          OptionalInt.of(random.nextInt(5)), Optional.empty(), Map.of("best", "yes"));

      GcResult dry = f.store.gc(policy, true, GcProgress.NONE);
      assertThat(f.store.runs()).as("a dry run changes nothing").hasSize(30);
      GcResult real = f.store.gc(policy, false, GcProgress.NONE);

      assertThat(real.dryRun()).isFalse();
      assertThat(real.runs()).as("seed %d", seed).containsExactlyElementsOf(dry.runs());
      assertThat(real.manifests()).as("seed %d", seed).containsExactlyElementsOf(dry.manifests());
      assertThat(real.blobs()).as("seed %d", seed).containsExactlyElementsOf(dry.blobs());
      assertThat(real.orphanPaths()).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(dry.orphanPaths());
      assertThat(real.bytesFreed()).isEqualTo(dry.bytesFreed());
      assertThat(real.orphans()).hasSize(3);

      List<RunId> kept = new ArrayList<>(all);
      kept.removeAll(real.runs());
      assertThat(f.store.runs()).extracting(Run::id).containsExactlyInAnyOrderElementsOf(kept);
      VerifyReport report = f.store.verify();
      assertThat(report.problems()).as("seed %d", seed).isEmpty();
      assertThat(report.reclaimable()).isEmpty();
      f.checkKeptRunsRestore(tmp, kept);
    }
  }

  @Test
  void pinnedRunIsNeverDeleted() throws Exception {
    try (GcFixture f = new GcFixture(tmp)) {
      RunId pinned = f.capture(Map.of("a.py", "a\n"), Map.of());
      RunId other = f.capture(Map.of("a.py", "b\n"), Map.of());
      f.store.pin(pinned.value(), true);
      f.clock.advance(Duration.ofDays(100));
      assertThat(f.store.gc(olderThan(1), false, GcProgress.NONE).runs()).containsExactly(other);
      assertThat(f.store.run(pinned.value()).pinned()).isTrue();
      f.store.pin(pinned.value(), false);
      assertThat(f.store.gc(olderThan(1), false, GcProgress.NONE).runs()).containsExactly(pinned);
      assertThat(f.store.runs()).isEmpty();
      assertThat(f.store.usage().blobs()).isZero();
    }
  }

  @Test
  void withoutRetentionGcDeletesNoRunAndOnlyOldOrphans() throws Exception {
    try (GcFixture f = new GcFixture(tmp)) {
      RunId run = f.capture(Map.of("a.py", "a\n"), Map.of());
      Path oldOrphan = f.plant("blobs/cd", "cd" + "2".repeat(62), "x", Duration.ofHours(2));
      Path youngOrphan = f.plant("blobs/ce", "ce" + "3".repeat(62), "y", Duration.ofMinutes(10));
      Path oldTemp = f.plant("tmp", "t.1", "tmp", Duration.ofHours(5));
      Path youngTemp = f.plant("tmp", "t.2", "tmp", Duration.ofMinutes(5));

      GcResult result = f.store.gc(RetentionPolicy.none(), false, GcProgress.NONE);

      assertThat(result.runs()).isEmpty();
      assertThat(result.orphanPaths()).containsExactlyInAnyOrder(oldOrphan, oldTemp);
      assertThat(oldOrphan).doesNotExist();
      assertThat(oldTemp).doesNotExist();
      assertThat(youngOrphan).exists();
      assertThat(youngTemp).exists();
      assertThat(f.store.run(run.value())).isNotNull();
    }
  }

  @Test
  void gcFailsClosedWhenAKeptRunLostABlob() throws Exception {
    try (GcFixture f = new GcFixture(tmp)) {
      f.capture(Map.of("a.py", "a\n"), Map.of());
      f.clock.advance(Duration.ofDays(60));
      f.capture(Map.of("b.py", "b\n"), Map.of());
      Files.delete(f.blobFile(BlobId.of("b\n".getBytes())));
      f.plant("tmp", "t.1", "tmp", Duration.ofHours(5));

      assertThatThrownBy(() -> f.store.gc(olderThan(30), false, GcProgress.NONE))
          .isInstanceOf(StoreReferencesMissingDataException.class)
          .hasMessageContaining("gc deleted nothing")
          .hasMessageContaining("has no file");
      assertThat(f.store.runs()).hasSize(2);
      assertThat(Files.exists(f.blobFile(BlobId.of("a\n".getBytes())))).isTrue();
      assertThat(f.dir.resolve("tmp/t.1")).exists();
    }
  }

  @Test
  void aTempFileOfALiveProcessIsNeverDeletedOneOfADeadProcessIsWithoutGrace() throws Exception {
    try (GcFixture f = new GcFixture(tmp)) {
      f.capture(Map.of("a.py", "a\n"), Map.of());
      // Named as this process names the temp files it writes, however old it looks.
      Path live = f.plant("tmp", TempFileOwner.newName("ab" + "1".repeat(62)), "being written", Duration.ofHours(5));
      // A process that lives long enough to be asked its start time, then dies.
      Process child = new ProcessBuilder("sleep", "30").start();
      long started = child.info().startInstant().orElseThrow().toEpochMilli();
      child.destroyForcibly();
      child.waitFor();
      Path dead = f.plant("tmp", "ab" + "2".repeat(62) + ".p" + child.pid() + "-" + started + ".5f", "left", Duration.ofSeconds(1));
      // A reused pid is another process: its start time differs.
      Path reused = f.plant("tmp", "ab" + "3".repeat(62) + ".p" + ProcessHandle.current().pid() + "-12345.5f", "left", Duration.ofSeconds(1));

      assertThat(f.store.verify().reclaimable()).extracting(OrphanFile::file).containsExactlyInAnyOrder(dead, reused);
      GcResult result = f.store.gc(RetentionPolicy.none(), false, Duration.ZERO, GcProgress.NONE);

      assertThat(result.orphanPaths()).containsExactlyInAnyOrder(dead, reused);
      assertThat(live).exists();
      assertThat(dead).doesNotExist();
      assertThat(reused).doesNotExist();
    }
  }
}
