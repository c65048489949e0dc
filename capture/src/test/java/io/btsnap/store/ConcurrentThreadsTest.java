package io.btsnap.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.capture.pipeline.CaptureResult;
import io.btsnap.store.model.CaptureMode;
import io.btsnap.store.model.GcProgress;
import io.btsnap.store.model.RetentionPolicy;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import io.btsnap.store.model.VerifyReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threads of one JVM capturing into one store at once, some through their own {@link Store}
 * handle, while another thread runs gc with retention and no grace period for orphans: the
 * race the capture protocol exists for. Every capture that returned must be whole afterwards.
 */
class ConcurrentThreadsTest {
  @TempDir Path tmp;

  static int iterations() {
    return Integer.getInteger("btsnap.stress.iterations", 20);
  }

  @Test
  void capturesAndGcInParallelLoseNothing() throws Exception {
    int writers = 4;
    int perWriter = iterations() * 2;
    Path storeDir = tmp.resolve("store");
    Path project = Files.createDirectories(tmp.resolve("proj"));
    Files.writeString(project.resolve("pyproject.toml"), "");
    Files.writeString(project.resolve("shared.py"), "SHARED = 1\n");
    Map<RunId, byte[]> kept = new ConcurrentHashMap<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    RetentionPolicy keepLabelled = new RetentionPolicy(Optional.empty(), OptionalInt.empty(), Optional.empty(), Map.of("keep", "yes"));

    try (Store shared = Store.open(storeDir)) {
      ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Object>> writerTasks = new java.util.ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        writerTasks.add(pool.submit(() -> {
          start.await();
          // Half the writers use the shared handle, half open their own.
          try (Store own = writer % 2 == 0 ? null : Store.open(storeDir)) {
            Store store = own == null ? shared : own;
            Path mine = project.resolve("w" + writer + ".py");
            Path entry = project.resolve("main" + writer + ".py");
            Files.writeString(entry, "import shared\nimport w" + writer + "\n");
            for (int i = 0; i < perWriter; i++) {
              // Every other capture changes this writer's module, so new blobs race the gc.
              byte[] content = ("VALUE = " + writer + "_" + (i / 2) + "\n").getBytes(StandardCharsets.UTF_8);
              Files.write(mine, content);
              boolean keep = i % 3 != 0;
              CaptureResult r = CapturePipeline.standard(store).capture(CaptureRequest.of(entry).withMode(CaptureMode.IMPORTS)
                  .withLabels(Map.of("keep", keep ? "yes" : "no")).withMinFreeBytes(0));
              if (keep) {
                kept.put(r.run().id(), content);
              }
            }
          } catch (Throwable e) {
            failures.add(e);
          }
          return null;
        }));
      }
      Future<Integer> gcs = pool.submit(() -> {
        start.await();
        int runs = 0;
        while (writing.get()) {
          shared.gc(runs % 2 == 0 ? keepLabelled : RetentionPolicy.none(), false, Duration.ZERO, GcProgress.NONE);
          runs++;
        }
        return runs;
      });
      start.countDown();
      for (Future<Object> task : writerTasks) {
        task.get(300, TimeUnit.SECONDS);
      }
      writing.set(false);
      pool.shutdown();
      assertThat(gcs.get(120, TimeUnit.SECONDS)).isPositive();
      assertThat(failures).isEmpty();

      VerifyReport report = shared.verify();
      assertThat(report.problems()).isEmpty();
      for (Map.Entry<RunId, byte[]> e : kept.entrySet()) {
        Run run = shared.run(e.getKey().value());
        assertThat(run.labels()).containsEntry("keep", "yes");
        String module = "w" + contentWriter(e.getValue()) + ".py";
        assertThat(shared.readFile(run, module)).isEqualTo(e.getValue());
        assertThat(shared.readFile(run, "shared.py")).asString().isEqualTo("SHARED = 1\n");
      }
      assertThat(kept).hasSize(writers * perWriter - writers * ((perWriter + 2) / 3));
    }
  }

  private static String contentWriter(byte[] content) {
    String text = new String(content, StandardCharsets.UTF_8);
    return text.substring("VALUE = ".length(), text.indexOf('_'));
  }
}
