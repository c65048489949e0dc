package io.btsnap.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.store.model.StoreCorruptException;
import io.btsnap.store.model.StoreException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged data.mdb is refused with one line, never mapped: a truncated file would otherwise
 * kill the JVM with SIGBUS, and an empty one would open as a new, empty index.
 */
class DamagedIndexTest {
  @TempDir Path tmp;
  Path storeDir;
  Path data;

  @BeforeEach
  void setUp() throws Exception {
    storeDir = tmp.resolve("store");
    Path entry = new TestProject(tmp.resolve("proj")).write("s.py", "x = 1\n");
    try (Store store = Store.open(storeDir)) {
      for (int i = 0; i < 200; i++) {
        CapturePipeline.standard(store).capture(CaptureRequest.of(entry).withParams(Map.of("i", "" + i, "pad", "p".repeat(100))));
      }
    }
    data = storeDir.resolve("index/data.mdb");
  }

  @Test
  void truncatedDataFileIsRefusedNotMapped() throws Exception {
    long size = Files.size(data);
    try (RandomAccessFile file = new RandomAccessFile(data.toFile(), "rw")) {
      file.setLength(size / 2);
    }
    assertThatThrownBy(() -> Store.openExisting(storeDir))
        .isInstanceOf(StoreCorruptException.class)
        .hasMessageContaining("is truncated");
  }

  @Test
  void garbageDataFileIsRefused() throws Exception {
    byte[] garbage = new byte[(int) Files.size(data)];
    new Random(7).nextBytes(garbage);
    Files.write(data, garbage);
    assertThatThrownBy(() -> Store.openExisting(storeDir))
        .isInstanceOf(StoreCorruptException.class)
        .hasMessageContaining("is not an LMDB file");
  }

  @Test
  void emptiedOrDeletedIndexIsNotTakenForANewStore() throws Exception {
    Files.write(data, new byte[0]);
    assertThatThrownBy(() -> Store.openExisting(storeDir)).hasMessageContaining("is empty, but the store holds blobs");
    assertThat(Files.size(data)).as("nothing was written into it").isZero();
    Files.delete(data);
    assertThatThrownBy(() -> Store.open(storeDir)).hasMessageContaining("is missing, but the store holds blobs");
  }

  @Test
  void flippedBytesInsidePagesAreReportedNotFatal() throws Exception {
    byte[] bytes = Files.readAllBytes(data);
    // Damage every data page past the two meta pages, keeping the file's size.
    for (int page = 2; page < bytes.length / 4096; page++) {
      for (int i = 16; i < 4096; i += 64) {
        bytes[page * 4096 + i] ^= (byte) 0x5a;
      }
    }
    Files.write(data, bytes);
    try (Store store = Store.openExisting(storeDir)) {
      assertThatThrownBy(store::runs).isInstanceOf(StoreException.class);
    } catch (StoreException refusedAtOpen) {
      assertThat(refusedAtOpen.getMessage()).contains("index");
    }
  }
}
