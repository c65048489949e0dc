package io.btsnap.store.internal.index;

import io.btsnap.store.model.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps any two processes from opening and closing one LMDB environment at the same time.
 *
 * <p>LMDB 0.9.27 to 0.9.31 (lmdbjava 0.9.1 bundles 0.9.31) destroy the shared robust mutexes in
 * {@code lock.mdb} when a closing process finds itself the last user; a process that was
 * opening the environment meanwhile keeps using the destroyed mutexes, and every transaction it
 * begins fails with EINVAL (LMDB ITS#10095, fixed in 0.9.32 by not destroying them). Parallel
 * captures, each a process that opens and closes the store, hit this window. Holding this lock
 * across {@code mdb_env_open} and {@code mdb_env_close} orders the two: a close that destroys
 * the mutexes completes before an open begins (which then finds itself first and initialises
 * them again), or the open completes first (and then the close is not the last user).
 *
 * <p>The lock is a POSIX record lock on a file of its own beside {@code lock.mdb}: closing any
 * descriptor of {@code lock.mdb} would drop LMDB's own locks on it. It is released when the
 * process dies.
 */
final class EnvLifecycleLock implements AutoCloseable {
  static final String FILE_NAME = "btsnap-env.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private EnvLifecycleLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Waits for and takes the lock of the environment in {@code dir}. */
  static EnvLifecycleLock take(Path dir) throws StoreException {
    FileChannel channel = null;
    try {
      channel = FileChannel.open(dir.resolve(FILE_NAME), java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
          io.btsnap.store.internal.StoreAccess.PRIVATE.fileAttribute());
      return new EnvLifecycleLock(channel, channel.lock());
    } catch (IOException e) {
      try {
        if (channel != null) {
          channel.close();
        }
      } catch (IOException ignored) {
        // the lock was not taken; the first failure is the one to report
      }
      throw new StoreException("index at " + dir + ": cannot lock " + FILE_NAME + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws StoreException {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new StoreException("cannot release " + FILE_NAME + ": " + e.getMessage(), e);
    }
  }
}
