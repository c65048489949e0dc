package io.btsnap.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.store.Store;
import io.btsnap.store.model.CaptureMode;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.RetentionPolicy;
import io.btsnap.store.model.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remote gc against a real S3 API server (S3Proxy): two phases, leases, retention, beside pushers. */
class RemoteGcTest extends WithS3Proxy {
  static final Duration MARGIN = Duration.ofSeconds(1);
  static final Duration SWEEP_LIMIT = Duration.ofSeconds(20);
  @TempDir Path tmp;
  RemoteSpec spec;

  @BeforeEach
  void bucket() throws Exception {
    spec = newSpec("runs");
  }

  /** A run of its own code version: main.py imports risk.py (LIMIT = limit) and extra.py. */
  private Run capture(Store store, String name, int limit, Map<String, String> labels) throws Exception {
    Path project = Files.createDirectories(tmp.resolve("code").resolve(name));
    Files.writeString(project.resolve("pyproject.toml"), "");
    Files.writeString(project.resolve("main.py"), "import risk\nimport extra\n");
    Files.writeString(project.resolve("risk.py"), "LIMIT = " + limit + "\n");
    Files.writeString(project.resolve("extra.py"), "NAME = '" + name + "'\n");
    return CapturePipeline.standard(store).capture(CaptureRequest.of(project.resolve("main.py")).withMode(CaptureMode.IMPORTS).withMinFreeBytes(0)
        .withParams(Map.of("limit", "" + limit)).withLabels(labels)).run();
  }

  private Set<String> bucketKeys(String folder) throws Exception {
    try (ObjectStore objects = objects(spec)) {
      return new HashSet<>(objects.list(folder));
    }
  }

  private static RetentionPolicy keepLast(int n) {
    return new RetentionPolicy(Optional.empty(), OptionalInt.of(n), Optional.empty(), Map.of());
  }

  private static void pastTheMargin() throws InterruptedException {
    Thread.sleep(MARGIN.toMillis() + 1100); // the server stamps times to the second
  }

  @Test
  void retentionDropsRunsAndALaterGcDeletesTheirCodeAfterTheMargin() throws Exception {
    try (Store worker = Store.open(tmp.resolve("worker")); Remote remote = open(spec)) {
      List<Run> runs = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        runs.add(capture(worker, "v" + i, i, Map.of()));
      }
      remote.push(worker, runs);
      pastTheMargin();
      Set<String> before = bucketKeys("");

      Remote.GcReport dry = remote.gc(keepLast(2), MARGIN, SWEEP_LIMIT, true);
      assertThat(dry.droppedRuns()).hasSize(4);
      assertThat(dry.marked()).as("4 manifests, 4 risk.py, 4 extra.py").hasSize(12);
      assertThat(bucketKeys("")).as("a dry run changes nothing").isEqualTo(before);

      Remote.GcReport first = remote.gc(keepLast(2), MARGIN, SWEEP_LIMIT, false);
      assertThat(first.droppedRuns()).containsExactlyInAnyOrderElementsOf(runs.subList(0, 4).stream().map(Run::id).toList());
      assertThat(first.deleted()).as("the first gc only marks").isEmpty();
      assertThat(first.marked()).isEqualTo(dry.marked());
      assertThat(remote.runs()).extracting(Run::id).containsExactlyInAnyOrder(runs.get(4).id(), runs.get(5).id());

      // A margin the mark cannot outgrow during the test: with MARGIN itself, a slow first gc
      // and the server's whole-second stamps let the mark look old enough.
      Remote.GcReport tooSoon = remote.gc(RetentionPolicy.none(), Duration.ofMinutes(10), SWEEP_LIMIT, false);
      assertThat(tooSoon.deleted()).as("the mark is younger than the margin").isEmpty();
      assertThat(tooSoon.waiting()).singleElement().asString().contains("marked");

      pastTheMargin();
      Remote.GcReport second = remote.gc(RetentionPolicy.none(), MARGIN, SWEEP_LIMIT, false);
      assertThat(second.deleted()).containsExactlyInAnyOrderElementsOf(first.marked());
      assertThat(second.bytesDeleted()).isPositive();
      assertThat(bucketKeys("gc/marks/")).isEmpty();
      assertThat(bucketKeys("gc/sweeps/")).as("the sweep object is gone").isEmpty();
      assertThat(remote.verify(true).isClean()).isTrue();
      assertThat(bucketKeys("blobs/")).as("main.py, and risk.py and extra.py of the 2 kept runs").hasSize(5);

      try (Store fresh = Store.open(tmp.resolve("fresh"))) {
        assertThat(remote.pull(fresh, r -> true).runs()).hasSize(2);
        assertThat(new String(fresh.readFile(fresh.run(runs.get(5).id().value()), "risk.py"))).isEqualTo("LIMIT = 5\n");
      }
      // The worker's cache said the remote held all six; a dropped run is pushed again.
      assertThat(remote.push(worker, List.of(runs.get(0))).runs()).containsExactly(runs.get(0).id());
      assertThat(remote.verify(true).isClean()).isTrue();
    }
  }

  @Test
  void aPushInFlightBeforeTheMarkHoldsTheSweepAndADeadOneDoesNot() throws Exception {
    try (Remote remote = open(spec); ObjectStore objects = objects(spec)) {
      objects.putIfAbsent("blobs/aa/garbage", "unreferenced".getBytes(StandardCharsets.UTF_8));
      objects.put("leases/1-dead.json", "{\"format\":1,\"seen\":[],\"keep\":[]}".getBytes(StandardCharsets.UTF_8));
      pastTheMargin();
      Lease inFlight = Lease.take(objects, Duration.ofMinutes(1));
      assertThat(remote.gc(RetentionPolicy.none(), MARGIN, SWEEP_LIMIT, false).marked()).containsExactly("blobs/aa/garbage");
      assertThat(bucketKeys("leases/")).as("the dead lease, silent past its validity, is gone").hasSize(1);
      pastTheMargin();
      Remote.GcReport held = remote.gc(RetentionPolicy.none(), MARGIN, SWEEP_LIMIT, false);
      assertThat(held.deleted()).isEmpty();
      assertThat(held.waiting()).singleElement().asString().contains("a push in flight");
      inFlight.close();
      assertThat(remote.gc(RetentionPolicy.none(), MARGIN, SWEEP_LIMIT, false).deleted()).containsExactly("blobs/aa/garbage");
    }
  }

  @Test
  void aLongPushKeepsItsLeaseAliveSoGcWaitsForIt() throws Exception {
    try (Store worker = Store.open(tmp.resolve("worker")); Remote gcSide = open(spec);
        ObjectStore objects = objects(spec)) {
      Run run = capture(worker, "slow", 1, Map.of());
      objects.putIfAbsent("blobs/aa/garbage", "unreferenced".getBytes(StandardCharsets.UTF_8));
      pastTheMargin();
      // A 2 s lease on a push that spends 7 s uploading: only its renewals keep it alive.
      ExecutorService pool = Executors.newSingleThreadExecutor();
      Future<Remote.Transfer> push = pool.submit(() -> {
        try (Remote slow = open(spec).withLeaseValidity(Duration.ofSeconds(2))
            .withProgress((phase, done, total) -> pause(done == 1 ? 7000 : 0))) {
          return slow.push(worker, List.of(run));
        }
      });
      while (bucketKeys("leases/").isEmpty()) {
        Thread.sleep(50);
      }
      assertThat(gcSide.gc(RetentionPolicy.none(), MARGIN, SWEEP_LIMIT, false).marked()).contains("blobs/aa/garbage");
      Thread.sleep(4500); // the mark is past the margin; the lease, unrenewed, would be past its validity
      Remote.GcReport held = gcSide.gc(RetentionPolicy.none(), MARGIN, SWEEP_LIMIT, false);
      assertThat(held.waiting()).singleElement().asString().contains("a push in flight");
      assertThat(bucketKeys("blobs/")).contains("blobs/aa/garbage");
      assertThat(push.get(1, TimeUnit.MINUTES).runs()).containsExactly(run.id());
      pool.shutdown();
      assertThat(bucketKeys("leases/")).isEmpty();
      assertThat(gcSide.gc(RetentionPolicy.none(), MARGIN, SWEEP_LIMIT, false).deleted()).containsExactly("blobs/aa/garbage");
      assertThat(gcSide.verify(true).isClean()).isTrue();
    }
  }

  @Test
  void aPushWaitsOutADeletingGcAndNoLongerThanItsLimit() throws Exception {
    try (Store worker = Store.open(tmp.resolve("worker")); Remote remote = open(spec);
        ObjectStore objects = objects(spec)) {
      Run run = capture(worker, "w", 1, Map.of());
      // What a gc killed while deleting leaves: its sweep object, with a 3 s limit.
      objects.put(GcFolder.SWEEPS + "3-killed", "{}".getBytes(StandardCharsets.UTF_8));
      long start = System.nanoTime();
      assertThat(remote.push(worker, List.of(run)).runs()).containsExactly(run.id());
      long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      // Not a speed check: it did wait, and a sweep past its limit held it no longer.
      assertThat(waited).as("waited for the sweep's limit, then pushed").isBetween(1500L, 60_000L);
      assertThat(remote.verify(true).isClean()).isTrue();
    }
  }

  @Test
  void gcBesideFourConcurrentPushersNeverLeavesARunWithoutItsCode() throws Exception {
    int pushers = 4;
    int perPusher = 10;
    long seed = System.nanoTime();
    System.out.println("RemoteGcTest seed " + seed);
    List<Store> stores = new ArrayList<>();
    List<List<Run>> work = new ArrayList<>();
    try (ObjectStore objects = objects(spec)) {
      for (int p = 0; p < pushers; p++) {
        Store store = Store.open(tmp.resolve("pusher" + p));
        stores.add(store);
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < perPusher; i++) {
          Run run = capture(store, "p" + p + "r" + i, p * 100 + i, Map.of());
          runs.add(run);
          // The run's risk.py and manifest are already in the bucket, unreferenced: gc marks
          // them, and the push finds them there and relies on them.
          for (ManifestEntry e : store.manifest(run).entries()) {
            if (e.path().value().equals("risk.py")) {
              objects.putIfAbsent(objects.layout().blob(e.blob()), store.blob(e.blob()));
            }
          }
          objects.putIfAbsent(objects.layout().manifest(run.manifest()), RunCodec.manifest(store.manifest(run)));
        }
        work.add(runs);
      }
    }
    pastTheMargin();
    AtomicBoolean pushing = new AtomicBoolean(true);
    AtomicInteger gcs = new AtomicInteger();
    AtomicInteger deletedByGc = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(pushers + 1);
    try {
      Future<?> gc = pool.submit(() -> {
        try (Remote remote = open(spec)) {
          while (pushing.get()) {
            deletedByGc.addAndGet(remote.gc(RetentionPolicy.none(), MARGIN, SWEEP_LIMIT, false).deleted().size());
            gcs.incrementAndGet();
          }
        }
        return null;
      });
      List<Future<?>> pushes = new ArrayList<>();
      for (int p = 0; p < pushers; p++) {
        Store store = stores.get(p);
        List<Run> runs = work.get(p);
        Random random = new Random(seed + p);
        pushes.add(pool.submit(() -> {
          // Each upload is slowed, so a push spends long between finding the marked objects
          // there and making them referenced: the window a careless gc would delete them in.
          try (Remote remote = open(spec).withProgress((phase, done, total) -> pause(400))) {
            for (Run run : runs) {
              Thread.sleep(random.nextInt(400));
              remote.push(store, List.of(run));
            }
          }
          return null;
        }));
      }
      for (Future<?> push : pushes) {
        push.get(5, TimeUnit.MINUTES);
      }
      pushing.set(false);
      gc.get(5, TimeUnit.MINUTES);
    } finally {
      pool.shutdownNow();
    }
    try (Remote remote = open(spec); Store fresh = Store.open(tmp.resolve("fresh"))) {
      Remote.VerifyReport report = remote.verify(true);
      assertThat(report.problems()).as("seed " + seed + ", " + gcs.get() + " gcs").isEmpty();
      assertThat(report.runs()).isEqualTo(pushers * perPusher);
      assertThat(gcs.get()).as("gc ran beside the pushes").isGreaterThan(3);
      System.out.println("RemoteGcTest: " + gcs.get() + " gcs deleted " + deletedByGc.get() + " objects beside the pushes");
      assertThat(deletedByGc.get()).as("gc deleted planted code before its runs were pushed").isPositive();
      assertThat(remote.pull(fresh, r -> true).runs()).hasSize(pushers * perPusher);
      Run last = work.get(pushers - 1).get(perPusher - 1);
      assertThat(new String(fresh.readFile(fresh.run(last.id().value()), "risk.py"))).isEqualTo("LIMIT = 309\n");

      // Quiet now: what is truly unreferenced goes in two gcs past the margin, nothing else.
      try (ObjectStore objects = objects(spec)) {
        objects.putIfAbsent("blobs/ff/garbage", "nobody's".getBytes(StandardCharsets.UTF_8));
      }
      Set<String> referenced = new HashSet<>(bucketKeys("blobs/"));
      referenced.remove("blobs/ff/garbage");
      pastTheMargin();
      remote.gc(RetentionPolicy.none(), MARGIN, SWEEP_LIMIT, false);
      pastTheMargin();
      Remote.GcReport last2 = remote.gc(RetentionPolicy.none(), MARGIN, SWEEP_LIMIT, false);
      assertThat(last2.deleted()).contains("blobs/ff/garbage");
      assertThat(bucketKeys("blobs/")).isEqualTo(referenced);
      assertThat(remote.verify(true).isClean()).isTrue();
      assertThat(bucketKeys("leases/")).as("every push took its lease away").isEmpty();
    }
    stores.forEach(Store::close);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
