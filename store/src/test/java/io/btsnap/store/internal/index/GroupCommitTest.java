package io.btsnap.store.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.btsnap.store.model.BlobId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Threads committing through one real LMDB index together: shared commits, separate outcomes. */
class GroupCommitTest {
  @TempDir Path dir;

  @Test
  void workThatWaitsSharesACommit() throws Exception {
    assertThat(run(24, false)).as("commits for 24 works").isLessThanOrEqualTo(4);
  }

  @Test
  void oneWorksFailureFailsNoOther() throws Exception {
    run(24, true);
  }

  /** Runs {@code works} writes from as many threads at once; returns the commits they took. */
  private long run(int works, boolean someFail) throws Exception {
    Index index = Index.acquire(dir, 1 << 22);
    try {
      GroupCommit commits = new GroupCommit(index);
      ExecutorService pool = Executors.newFixedThreadPool(works);
      CountDownLatch start = new CountDownLatch(1);
      // Work 0 takes the writer first and holds it until every other work has queued.
      CountDownLatch holding = new CountDownLatch(1);
      List<Future<Long>> results = new ArrayList<>();
      for (int i = 0; i < works; i++) {
        long n = i;
        results.add(pool.submit(() -> {
          start.await();
          if (n != 0) {
            holding.await();
          }
          return commits.write(w -> {
            w.putManifestRefCount(id(n), n + 1);
            if (n == 0) {
              holding.countDown();
              pause();
            }
            if (someFail && n % 5 == 3) {
              throw new IllegalStateException("work " + n + " fails");
            }
            return n;
          });
        }));
      }
      start.countDown();
      for (int i = 0; i < works; i++) {
        try {
          assertThat(results.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i);
          assertThat(someFail && i % 5 == 3).isFalse();
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(someFail && i % 5 == 3).as("only the failing works fail").isTrue();
          assertThat(e.getCause()).hasMessage("work " + i + " fails");
        }
      }
      pool.shutdown();
      for (int i = 0; i < works; i++) {
        long n = i;
        long stored = index.read(r -> r.manifestRefCount(id(n)));
        assertThat(stored).as("work %d", i).isEqualTo(someFail && i % 5 == 3 ? 0 : i + 1);
      }
      return commits.commits();
    } finally {
      index.release();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(300);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static BlobId id(long n) {
    return BlobId.of(("work " + n).getBytes(StandardCharsets.UTF_8));
  }
}
