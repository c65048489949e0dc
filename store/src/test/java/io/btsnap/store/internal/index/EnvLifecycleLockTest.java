package io.btsnap.store.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening an index waits while another process holds the environment's lifecycle lock (it is
 * opening or closing the environment), and a process killed while holding it releases it.
 */
class EnvLifecycleLockTest {
  @TempDir Path tmp;

  /** Holds the lock of the folder in args[0] until killed. */
  public static void main(String[] args) throws Exception {
    EnvLifecycleLock.take(Path.of(args[0]));
    System.out.println("locked");
    System.out.flush();
    Thread.sleep(60_000);
  }

  @Test
  void anOpenWaitsForAnotherProcessesLifecycleAndADeadHolderReleasesIt() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("index"));
    Process holder = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), EnvLifecycleLockTest.class.getName(), dir.toString()))
        .redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("locked");
      CompletableFuture<Index> opening = CompletableFuture.supplyAsync(() -> {
        try {
          return Index.acquire(dir, 1 << 20);
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      try {
        opening.get(500, TimeUnit.MILLISECONDS);
        throw new AssertionError("the open did not wait for the other process");
      } catch (TimeoutException expected) {
        // still waiting, as it must
      }
      holder.destroyForcibly().waitFor();
      Index index = opening.get(10, TimeUnit.SECONDS);
      assertThat(index.read(IndexReader::runCount)).isZero();
      index.release();
    } finally {
      holder.destroyForcibly();
    }
  }
}
