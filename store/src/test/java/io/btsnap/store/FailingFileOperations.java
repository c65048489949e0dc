package io.btsnap.store;

import io.btsnap.store.internal.blob.FileOperations;
import io.btsnap.store.internal.blob.LocalFileOperations;
import java.io.IOException;
import java.nio.file.Path;

/** Local file operations that fail one chosen step, to test what a failure leaves behind. */
final class FailingFileOperations implements FileOperations {
  enum Step {
    WRITE,
    MOVE,
    SYNC_DIRECTORY
  }

  private final FileOperations real = LocalFileOperations.INSTANCE;
  private volatile Step failing;

  void failAt(Step step) {
    failing = step;
  }

  void heal() {
    failing = null;
  }

  private void maybeFail(Step step) throws IOException {
    if (failing == step) {
      throw new IOException("injected failure at " + step);
    }
  }

  @Override
  public void writeDurably(Path file, byte[] content) throws IOException {
    if (failing == Step.WRITE) {
      // Fail after a partial write, as a full disk would.
      real.writeDurably(file, java.util.Arrays.copyOf(content, content.length / 2));
      maybeFail(Step.WRITE);
    }
    real.writeDurably(file, content);
  }

  @Override
  public void moveAtomically(Path source, Path target) throws IOException {
    maybeFail(Step.MOVE);
    real.moveAtomically(source, target);
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    maybeFail(Step.SYNC_DIRECTORY);
    real.syncDirectory(dir);
  }

  @Override
  public void deleteIfExists(Path file) throws IOException {
    real.deleteIfExists(file);
  }
}
