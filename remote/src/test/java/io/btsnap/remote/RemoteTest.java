package io.btsnap.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.store.Store;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.CaptureMode;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.Run;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push and pull against a real S3 API server (S3Proxy), through the remote module's API. */
class RemoteTest extends WithS3Proxy {
  @TempDir Path tmp;
  RemoteSpec spec;

  @BeforeEach
  void bucket() throws Exception {
    spec = newSpec("sweeps/a");
  }

  private List<Run> grid(Store store, Path project, int n, String worker) throws Exception {
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      runs.add(CapturePipeline.standard(store).capture(CaptureRequest.of(project.resolve("main.py")).withMode(CaptureMode.IMPORTS).withMinFreeBytes(0)
          .withParams(Map.of("i", "" + i, "worker", worker))).run());
    }
    return runs;
  }

  private Path project(String name, String risk) throws Exception {
    Path project = Files.createDirectories(tmp.resolve(name));
    Files.writeString(project.resolve("pyproject.toml"), "");
    Files.writeString(project.resolve("main.py"), "import risk\n");
    Files.writeString(project.resolve("risk.py"), risk);
    return project;
  }

  @Test
  void twoWorkersPushOneBucketAndAThirdStorePullsEveryRunByteIdentical() throws Exception {
    Path code = project("code", "LIMIT = 1\n");
    try (Store one = Store.open(tmp.resolve("one")); Store two = Store.open(tmp.resolve("two"));
        Store three = Store.open(tmp.resolve("three")); Remote remote = open(spec)) {
      List<Run> a = grid(one, code, 30, "one");
      List<Run> b = grid(two, code, 20, "two");
      Remote.Transfer first = remote.push(one, a);
      assertThat(first.runs()).hasSize(30);
      assertThat(first.blobs()).isEqualTo(2);
      // Lease write and delete; listings of gc/, runs/, blobs/ and manifests/; 2 blobs, 1 manifest, 1 segment.
      // Unlocking an encrypted remote adds two: a listing of its keys and the key object read.
      assertThat(first.requests()).as("a 30-run push of one code version").isLessThanOrEqualTo(encrypted() ? 12 : 10);
      Remote.Transfer second = remote.push(two, b);
      assertThat(second.blobs()).as("the code is there already").isZero();
      assertThat(remote.push(one, a).runs()).as("pushing again sends no run").isEmpty();
      try (Stream<Path> files = Files.walk(server.data.resolve(spec.bucket()))) {
        assertThat(files.filter(p -> p.toString().contains("/blobs/") && Files.isRegularFile(p)).count())
            .as("each unique content once in the bucket").isEqualTo(2);
      }

      Remote.Transfer pulled = remote.pull(three, r -> true);
      assertThat(pulled.runs()).hasSize(50);
      assertThat(three.runs()).extracting(Run::id).containsExactlyInAnyOrderElementsOf(
          Stream.concat(a.stream(), b.stream()).map(Run::id).toList());
      Run sample = three.run(b.get(7).id().value());
      assertThat(sample.params()).isEqualTo(b.get(7).params());
      assertThat(new String(three.readFile(sample, "risk.py"))).isEqualTo("LIMIT = 1\n");
      assertThat(remote.pull(three, r -> true).runs()).isEmpty();
      assertThat(three.verify().isClean()).isTrue();
    }
  }

  @Test
  void aCorruptedObjectIsRefusedByNameAndNothingOfItsRunIsStored() throws Exception {
    Path code = project("code", "LIMIT = 7\n");
    try (Store one = Store.open(tmp.resolve("one")); Store other = Store.open(tmp.resolve("other"));
        Remote remote = open(spec)) {
      List<Run> runs = grid(one, code, 2, "one");
      remote.push(one, runs);
      BlobId limit = BlobId.of("LIMIT = 7\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      Path blob;
      try (ObjectStore objects = objects(spec)) {
        blob = file(spec, objects.layout().blob(limit));
      }
      assertThat(blob).exists();
      Files.writeString(blob, "LIMIT = 9\n");
      assertThatThrownBy(() -> remote.pull(other, r -> true))
          .isInstanceOf(RemoteException.class)
          .hasMessageContaining(limit.hex()).hasMessageContaining("nothing of that run was stored");
      assertThat(other.runs()).isEmpty();
    }
  }

  @Test
  void badRemotesGetOneClearLine() throws Exception {
    assertThatThrownBy(() -> RemoteSpec.parse("x", "https://bucket/p", Optional.empty(), Optional.empty(), false))
        .hasMessage("a remote is s3://BUCKET[/PREFIX], not 'https://bucket/p'");
    RemoteSpec missing = RemoteSpec.parse("gone", "s3://no-such-bucket", Optional.of(server.endpoint), Optional.empty(), true);
    try (Remote remote = Remote.open(missing)) {
      assertThatThrownBy(remote::runs).hasMessage(
          "remote gone (s3://no-such-bucket/): cannot list runs/: bucket no-such-bucket does not exist");
    }
    RemoteSpec unreachable = RemoteSpec.parse("far", "s3://bucket", Optional.of(URI.create("http://127.0.0.1:9")),
        Optional.empty(), true);
    try (Remote remote = Remote.open(unreachable)) {
      assertThatThrownBy(remote::runs).hasMessageStartingWith("remote far (s3://bucket/): cannot list runs/: cannot reach http://127.0.0.1:9");
    }
    String saved = System.getProperty("aws.secretAccessKey");
    System.setProperty("aws.secretAccessKey", "wrong");
    try (Remote remote = open(spec)) {
      assertThatThrownBy(remote::runs).hasMessageContaining("the server refused the credentials");
    }
    try (ObjectStore objects = objects(spec)) {
      // A refusing server may answer and close before a write's body is sent: still said so.
      assertThatThrownBy(() -> objects.put("blobs/aa/large", new byte[16 << 20]))
          .hasMessageContaining("the server refused the credentials");
    } finally {
      System.setProperty("aws.secretAccessKey", saved);
    }
  }

  @Test
  void eightWorkersPushingAtOnceLeaveEachBlobOnceAndEveryRunRestoresByteIdentical() throws Exception {
    int workers = 8;
    int perWorker = 125;
    // The bundled example strategy, captured as a sweep would: one parameter changing.
    Path example = Path.of("..", "examples", "rsi_bb").toAbsolutePath().normalize();
    Path code = tmp.resolve("rsi_bb");
    try (Stream<Path> files = Files.walk(example)) {
      for (Path p : files.filter(f -> !f.toString().contains("__pycache__")).toList()) {
        Files.copy(p, code.resolve(example.relativize(p).toString()));
      }
    }
    List<Store> stores = new ArrayList<>();
    List<Run> all = java.util.Collections.synchronizedList(new ArrayList<>());
    try {
      for (int w = 0; w < workers; w++) {
        Store store = Store.open(tmp.resolve("worker" + w));
        stores.add(store);
        for (int i = 0; i < perWorker; i++) {
          all.add(CapturePipeline.standard(store).capture(CaptureRequest.of(code.resolve("rsi_bb_strategy.py")).withMode(CaptureMode.IMPORTS)
              .withMinFreeBytes(0).withParams(Map.of("rsi_period", "" + (w * perWorker + i)))).run());
        }
      }
      List<ManifestEntry> files = stores.get(0).manifest(all.get(0)).entries();
      assertThat(files).as("the strategy and the modules it imports").hasSizeGreaterThan(4);
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers);
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<Remote.Transfer>> pushes = new ArrayList<>();
      for (Store store : stores) {
        pushes.add(pool.submit(() -> {
          start.await();
          try (Remote remote = open(spec)) {
            return remote.push(store, store.runs());
          }
        }));
      }
      start.countDown();
      long pushed = 0;
      for (var push : pushes) {
        pushed += push.get(120, java.util.concurrent.TimeUnit.SECONDS).runs().size();
      }
      pool.shutdown();
      assertThat(pushed).isEqualTo(workers * perWorker);
      try (Stream<Path> objects = Files.walk(server.data.resolve(spec.bucket()))) {
        assertThat(objects.filter(p -> p.toString().contains("/blobs/") && Files.isRegularFile(p)).count())
            .as("each unique content once").isEqualTo(files.size());
      }
      try (Store fresh = Store.open(tmp.resolve("fresh")); Remote remote = open(spec)) {
        assertThat(remote.pull(fresh, r -> true).runs()).hasSize(workers * perWorker);
        for (Run run : all) {
          Run pulled = fresh.run(run.id().value());
          assertThat(pulled.params()).isEqualTo(run.params());
          assertThat(pulled.manifest()).isEqualTo(run.manifest());
          Path restored = tmp.resolve("restored").resolve(run.id().value());
          fresh.restore(pulled, restored);
          for (ManifestEntry e : files) {
            assertThat(Files.mismatch(restored.resolve(e.path().value()), example.resolve(e.path().value())))
                .as(run.id() + " " + e.path().value()).isEqualTo(-1L);
          }
        }
        assertThat(remote.verify(true).isClean()).isTrue();
      }
    } finally {
      stores.forEach(Store::close);
    }
  }
}
