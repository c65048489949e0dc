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
    SYNC_DIRECTORY,
    DELETE
  }

  private final FileOperations real = LocalFileOperations.INSTANCE;
  private volatile Step failing;
  private final java.util.concurrent.atomic.AtomicInteger skip = new java.util.concurrent.atomic.AtomicInteger();

  void failAt(Step step) {
    failAt(step, 0);
  }

  /** Fails {@code step} after letting {@code successes} calls of it through. */
  void failAt(Step step, int successes) {
    skip.set(successes);
    failing = step;
  }

  void heal() {
    failing = null;
  }

  private void maybeFail(Step step) throws IOException {
    if (failing == step && skip.getAndDecrement() <= 0) {
      throw new IOException("injected failure at " + step);
    }
  }

  @Override
  public void writeDurably(Path file, byte[] content) throws IOException {
    if (failing == Step.WRITE && skip.get() <= 0) {
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
    maybeFail(Step.DELETE);
    real.deleteIfExists(file);
  }
}
