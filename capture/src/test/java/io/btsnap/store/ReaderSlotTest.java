package io.btsnap.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.store.internal.index.Index;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reader killed inside its transaction leaves a slot in lock.mdb; gc and every open free it. */
class ReaderSlotTest {
  @TempDir Path tmp;

  /** Child process: opens the store, starts a read transaction, says so, and waits forever. */
  public static final class HangingReader {
    private HangingReader() {}

    /** Argument: the store folder. */
    public static void main(String[] args) throws Exception {
      Store store = Store.open(Path.of(args[0]));
      Index index = Index.acquire(Path.of(args[0]).resolve("index"), Index.DEFAULT_MAP_SIZE);
      index.read(reader -> {
        System.out.println("reading " + reader.runCount());
        System.out.flush();
        try {
          Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return null;
      });
      store.close();
    }
  }

  @Test
  void aKilledReadersSlotIsReclaimedOnOpen() throws Exception {
    Path storeDir = tmp.resolve("store");
    Path entry = new TestProject(tmp.resolve("proj")).write("s.py", "x\n");
    Store.open(storeDir).close();
    Process reader = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), HangingReader.class.getName(), storeDir.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(reader.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("reading 0");
    }
    // This process keeps the environment open across the kill, so nothing resets the table.
    try (Store store = Store.open(storeDir)) {
      CapturePipeline.standard(store).capture(CaptureRequest.of(entry));
      reader.destroyForcibly();
      assertThat(reader.waitFor(30, TimeUnit.SECONDS)).isTrue();
      Index index = Index.acquire(storeDir.resolve("index"), Index.DEFAULT_MAP_SIZE);
      try {
        assertThat(index.checkStaleReaders()).as("the dead reader's slot").isEqualTo(1);
        assertThat(index.checkStaleReaders()).as("already freed").isZero();
      } finally {
        index.release();
      }
    }
    try (Store store = Store.open(storeDir)) {
      assertThat(store.runs()).hasSize(1);
      assertThat(store.verify().isClean()).isTrue();
    }
  }
}
