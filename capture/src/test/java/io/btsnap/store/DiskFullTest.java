package io.btsnap.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.store.internal.blob.BlobFiles;
import io.btsnap.store.internal.blob.LocalFileOperations;
import io.btsnap.store.internal.index.BlobRecord;
import io.btsnap.store.internal.index.Index;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.DiskSpaceException;
import io.btsnap.store.model.RunId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real ENOSPC on a full tmpfs, past the capture's own free-space guard: a blob write and an
 * index commit each fail with one "disk full" line, leave no temp file, and the store keeps
 * every earlier run. Needs root to mount; skipped otherwise.
 */
class DiskFullTest {
  @TempDir Path tmp;
  Path disk;
  boolean mounted;

  @BeforeEach
  void mount() throws Exception {
    disk = Files.createDirectories(tmp.resolve("disk"));
    mounted = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk.toString()).start().waitFor() == 0;
    assumeTrue(mounted, "can't mount a tmpfs here (needs root): skipped");
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      new ProcessBuilder("umount", disk.toString()).start().waitFor();
    }
  }

  @Test
  void writesOnAFullDiskFailCleanly() throws Exception {
    Path storeDir = disk.resolve("store");
    Path entry = new TestProject(tmp.resolve("proj")).write("s.py", "x = 1\n");
    try (Store store = Store.open(storeDir)) {
      RunId kept = CapturePipeline.standard(store).capture(CaptureRequest.of(entry).withMinFreeBytes(0)).run().id();
      Path filler = disk.resolve("filler");
      try (OutputStream out = Files.newOutputStream(filler)) {
        byte[] block = new byte[4096];
        while (true) {
          out.write(block);
        }
      } catch (IOException full) {
        assertThat(full.getMessage()).contains("No space left on device");
      }

      BlobFiles blobs = new BlobFiles(storeDir.resolve("blobs"), storeDir.resolve("tmp"), storeDir.resolve("trash"), LocalFileOperations.INSTANCE);
      byte[] content = new byte[100_000];
      new Random(1).nextBytes(content);
      assertThatThrownBy(() -> blobs.writeIfAbsent(BlobId.of(content), content))
          .isInstanceOf(DiskSpaceException.class)
          .hasMessageStartingWith("disk full: no space left on the store's file system for blob");
      try (var left = Files.list(storeDir.resolve("tmp"))) {
        assertThat(left).isEmpty();
      }

      Index index = Index.acquire(storeDir.resolve("index"), Index.DEFAULT_MAP_SIZE);
      try {
        assertThatThrownBy(() -> index.write(w -> {
          Random random = new Random(2);
          for (int i = 0; i < 20_000; i++) {
            byte[] id = new byte[32];
            random.nextBytes(id);
            w.putBlob(BlobId.fromBytes(id), new BlobRecord(1, 1, 0, 1));
          }
          return null;
        })).isInstanceOf(DiskSpaceException.class).hasMessageContaining("disk full");
      } finally {
        index.release();
      }

      Files.delete(filler);
      assertThat(store.verify().isClean()).isTrue();
      assertThat(store.readFile(store.run(kept.value()), "s.py")).asString().isEqualTo("x = 1\n");
      assertThat(CapturePipeline.standard(store).capture(CaptureRequest.of(entry).withParams(Map.of("after", "full")).withMinFreeBytes(0)).run()).isNotNull();
    }
  }
}
