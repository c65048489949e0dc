package io.btsnap.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.store.Store;
import io.btsnap.store.model.CaptureMode;
import io.btsnap.store.model.RetentionPolicy;
import io.btsnap.store.model.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote gc prunes its old tombstones behind a gc epoch, against S3Proxy: a store whose caches
 * read the tombstones before the epoch discards them rather than skip what gc took away.
 */
class TombstoneExpiryTest extends WithS3Proxy {
  static final Duration MARGIN = Duration.ofSeconds(1);
  static final Duration SWEEP_LIMIT = Duration.ofSeconds(20);
  @TempDir Path tmp;

  private Run capture(Store store, String name, int limit) throws Exception {
    Path project = Files.createDirectories(tmp.resolve("code").resolve(name));
    Files.writeString(project.resolve("pyproject.toml"), "");
    Files.writeString(project.resolve("main.py"), "import risk\nimport extra\n");
    Files.writeString(project.resolve("risk.py"), "LIMIT = " + limit + "\n");
    Files.writeString(project.resolve("extra.py"), "NAME = '" + name + "'\n");
    return CapturePipeline.standard(store).capture(CaptureRequest.of(project.resolve("main.py")).withMode(CaptureMode.IMPORTS)
        .withMinFreeBytes(0).withParams(Map.of("limit", "" + limit))).run();
  }

  private Set<String> keys(RemoteSpec spec, String folder) throws Exception {
    try (ObjectStore objects = objects(spec)) {
      return new HashSet<>(objects.list(folder));
    }
  }

  private static void pastTheMargin() throws InterruptedException {
    Thread.sleep(MARGIN.toMillis() + 1100); // the server stamps times to the second
  }

  @Test
  void aStoreWhoseCachesPredateThePrunedTombstonesForgetsThemAndPushesWhatGcTookAway() throws Exception {
    RemoteSpec spec = newSpec("runs");
    try (Store worker = Store.open(tmp.resolve("worker")); Remote remote = open(spec)) {
      Run old = capture(worker, "v0", 0);
      Run kept = capture(worker, "v1", 1);
      remote.push(worker, List.of(old, kept));
      pastTheMargin();
      RetentionPolicy keepNewest = new RetentionPolicy(Optional.empty(), OptionalInt.of(1), Optional.empty(), Map.of());
      assertThat(remote.gc(keepNewest, MARGIN, SWEEP_LIMIT, false).droppedRuns()).containsExactly(old.id());
      pastTheMargin();
      assertThat(remote.gc(RetentionPolicy.none(), MARGIN, SWEEP_LIMIT, false).deleted())
          .as("the old run's manifest, risk.py and extra.py").hasSize(3);
      assertThat(keys(spec, "gc/dropped/")).hasSize(1);
      assertThat(keys(spec, "gc/deleted/")).hasSize(1);
      pastTheMargin();

      Set<String> before = keys(spec, "");
      Remote.GcReport dry = remote.gc(RetentionPolicy.none(), MARGIN, SWEEP_LIMIT, Duration.ZERO, true);
      assertThat(dry.tombstonesPruned()).isEqualTo(2);
      assertThat(keys(spec, "")).as("a dry run changes nothing").isEqualTo(before);
      Remote.GcReport longExpiry = remote.gc(RetentionPolicy.none(), MARGIN, SWEEP_LIMIT, Duration.ofDays(1), false);
      assertThat(longExpiry.tombstonesPruned()).as("younger than the expiry").isZero();
      assertThat(keys(spec, "gc/epoch/")).isEmpty();

      Remote.GcReport prune = remote.gc(RetentionPolicy.none(), MARGIN, SWEEP_LIMIT, Duration.ZERO, false);
      assertThat(prune.tombstonesPruned()).isEqualTo(2);
      assertThat(keys(spec, "gc/dropped/")).isEmpty();
      assertThat(keys(spec, "gc/deleted/")).isEmpty();
      assertThat(keys(spec, "gc/epoch/")).hasSize(1);

      // The worker's caches still hold the old run and its code, and no tombstone says they went.
      Remote.Transfer again = remote.push(worker, List.of(old));
      assertThat(again.runs()).as("pushed again, not skipped as if there").containsExactly(old.id());
      assertThat(again.blobs()).as("risk.py and extra.py of v0").isEqualTo(2);
      assertThat(again.manifests()).isEqualTo(1);
      assertThat(Files.readString(tmp.resolve("worker/remote-cache/shared.objects"))).as("no pruned tombstone remembered")
          .doesNotContain("T ");

      // Synced after the epoch, the caches are trusted again: known code costs no listing.
      long requestsBefore = again.requests();
      Remote.Transfer known = remote.push(worker, List.of(capture(worker, "v1", 1)));
      assertThat(known.runs()).hasSize(1);
      assertThat(known.blobs()).isZero();
      assertThat(known.requests() - requestsBefore).as("lease, gc/ listing, segment, lease deleted").isEqualTo(4);
      assertThat(remote.verify(true).isClean()).isTrue();

      try (Store fresh = Store.open(tmp.resolve("fresh"))) {
        assertThat(remote.pull(fresh, r -> true).runs()).hasSize(3);
        assertThat(new String(fresh.readFile(fresh.run(old.id().value()), "risk.py"))).isEqualTo("LIMIT = 0\n");
      }
    }
  }

  @Test
  void anEpochNewerThanTheLastSyncOfAStoreWithoutTombstonesStillDiscardsItsCaches() throws Exception {
    RemoteSpec spec = newSpec("runs");
    try (Store worker = Store.open(tmp.resolve("worker")); Remote remote = open(spec)) {
      Run run = capture(worker, "v0", 0);
      remote.push(worker, List.of(run));
      Path synced = tmp.resolve("worker/remote-cache/shared.synced");
      long syncedAt = Long.parseLong(Files.readString(synced).strip());
      // An epoch a second past the sync: this store's caches may have missed a pruned tombstone.
      try (ObjectStore objects = objects(spec)) {
        objects.put(GcFolder.EPOCHS + (syncedAt + 1), "{\"format\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      for (String key : keys(spec, "runs/")) {
        try (ObjectStore objects = objects(spec)) {
          objects.delete(key); // the bucket lost the run behind the store's back, as a pruned tombstone would hide
        }
      }
      Thread.sleep(1100); // the next sync is a later second
      Remote.Transfer again = remote.push(worker, List.of(run));
      assertThat(again.runs()).as("the cache, synced before the epoch, is not trusted").containsExactly(run.id());
      assertThat(Long.parseLong(Files.readString(synced).strip())).isGreaterThan(syncedAt);
    }
  }
}
