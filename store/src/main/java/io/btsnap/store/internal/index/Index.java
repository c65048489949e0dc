package io.btsnap.store.internal.index;

import io.btsnap.store.model.DiskSpaceException;
import io.btsnap.store.model.StoreCorruptException;
import io.btsnap.store.model.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.LmdbException;
import org.lmdbjava.LmdbNativeException;
import org.lmdbjava.Txn;

/**
 * The LMDB environment of one store: runs by id, manifests and their reference counts by hash,
 * blob records by hash.
 *
 * <p>LMDB forbids opening one environment twice in a process (closing either handle drops the
 * other's file locks), so {@link #acquire} shares one instance per folder and closes it when the
 * last holder releases it. Commits are durable: the environment never uses {@code MDB_NOSYNC}.
 */
public final class Index {
  /** Far above what a store needs; address space only, the file grows with use. */
  public static final long DEFAULT_MAP_SIZE = 1L << 30;

  private static final Map<Path, Index> OPEN = new HashMap<>();

  private final Path dir;
  private final Env<byte[]> env;
  private final IndexTables tables;
  // Transactions hold the read side; growing the map needs the write side, because LMDB
  // allows mdb_env_set_mapsize only while this process has no transaction open.
  private final ReentrantReadWriteLock resizeLock = new ReentrantReadWriteLock();
  private int holders;

  private Index(Path dir, Env<byte[]> env, IndexTables tables) {
    this.dir = dir;
    this.env = env;
    this.tables = tables;
  }

  /**
   * Frees the reader slots of processes that died inside a read transaction, and returns how
   * many. Such a slot pins the snapshot it read, so LMDB can't reuse any page freed after it and
   * the file only grows. LMDB resets the table when the first process opens the environment;
   * a process that keeps it open (a gc beside long captures, a JVM backtester) must ask.
   */
  public int checkStaleReaders() throws StoreException {
    resizeLock.readLock().lock();
    try {
      return env.readerCheck();
    } catch (LmdbException e) {
      throw translate(dir, e);
    } finally {
      resizeLock.readLock().unlock();
    }
  }

  /** Loads lmdbjava's native binding; a failure is left for the first real use to report. */
  public static void loadNativeLibrary() {
    try {
      Class.forName("org.lmdbjava.Library", true, Index.class.getClassLoader());
    } catch (Throwable e) {
      // Reported with context when the index is first opened.
    }
  }

  /**
   * Opens the index in {@code dir}, or shares the instance this JVM already has open. {@code
   * storeHasBlobs} tells a lost index (refused) from a new one; it is asked only when {@code
   * data.mdb} is missing or empty, so a normal open lists no folder.
   */
  public static Index acquire(Path dir, long initialMapSize, java.util.concurrent.Callable<Boolean> storeHasBlobs)
      throws IOException {
    Path key = dir.toAbsolutePath().normalize();
    synchronized (OPEN) {
      if (!OPEN.containsKey(key)) {
        DataFileCheck.check(key.resolve("data.mdb"), storeHasBlobs);
      }
      return acquire(key, initialMapSize);
    }
  }

  /** Opens the index in {@code dir}, or shares the instance this JVM already has open. */
  public static Index acquire(Path dir, long initialMapSize) throws StoreException {
    Path key = dir.toAbsolutePath().normalize();
    synchronized (OPEN) {
      Index index = OPEN.get(key);
      if (index == null) {
        index = open(key, initialMapSize);
        OPEN.put(key, index);
      }
      index.holders++;
      return index;
    }
  }

  /** Gives back an instance from {@link #acquire}; the last release closes the environment. */
  public void release() {
    synchronized (OPEN) {
      if (--holders == 0) {
        OPEN.remove(dir);
        resizeLock.writeLock().lock();
        try (EnvLifecycleLock lifecycle = EnvLifecycleLock.take(dir)) {
          env.close();
        } catch (StoreException e) {
          // Without the lock the close could race another process's open (see EnvLifecycleLock);
          // leave the environment to the process's exit, which releases it safely.
        } finally {
          resizeLock.writeLock().unlock();
        }
      }
    }
  }

  private static Index open(Path dir, long initialMapSize) throws StoreException {
    Env<byte[]> env = null;
    try (EnvLifecycleLock lifecycle = EnvLifecycleLock.take(dir)) {
      env =
          Env.create(ByteArrayProxy.PROXY_BA)
              .setMapSize(initialMapSize)
              .setMaxDbs(8)
              .open(dir.toFile(), io.btsnap.store.internal.StoreAccess.PRIVATE.fileMode(), EnvFlags.MDB_NOTLS);
      // Slots of readers that died without closing their transaction would pin old pages.
      env.readerCheck();
      return new Index(dir, env, IndexTables.open(env));
    } catch (LmdbException | MalformedRecordException e) {
      if (env != null) {
        env.close();
      }
      throw translate(dir, e);
    }
  }

  /** Runs {@code work} in a read transaction. */
  public <R> R read(IndexFunction<IndexReader, R> work) throws IOException {
    while (true) {
      resizeLock.readLock().lock();
      try (Txn<byte[]> txn = env.txnRead()) {
        return work.apply(new IndexReader(txn, tables));
      } catch (Dbi.MapResizedException e) {
        // another process grew the map; adopt its size below and begin again
      } catch (LmdbException | MalformedRecordException e) {
        throw translate(dir, e);
      } finally {
        resizeLock.readLock().unlock();
      }
      resize(0);
    }
  }

  /**
   * Runs {@code work} in a write transaction and commits it durably. When the map is full, the
   * attempt is aborted, the map doubled, and {@code work} run again.
   */
  public <R> R write(IndexFunction<IndexWriter, R> work) throws IOException {
    while (true) {
      boolean full;
      resizeLock.readLock().lock();
      try (Txn<byte[]> txn = env.txnWrite()) {
        R result = work.apply(new IndexWriter(txn, tables));
        txn.commit();
        return result;
      } catch (Env.MapFullException e) {
        full = true;
      } catch (Dbi.MapResizedException e) {
        full = false; // another process grew the map: adopt its size
      } catch (LmdbException | MalformedRecordException e) {
        throw translate(dir, e);
      } finally {
        resizeLock.readLock().unlock();
      }
      resize(full ? -1 : 0);
    }
  }

  /**
   * Changes the map size while no transaction of this process is open: doubles it ({@code -1}),
   * or ({@code 0}) adopts the size another process gave the environment.
   */
  private void resize(long how) throws StoreException {
    resizeLock.writeLock().lock();
    try {
      env.setMapSize(how < 0 ? env.info().mapSize * 2 : 0);
    } catch (LmdbException e) {
      throw translate(dir, e);
    } finally {
      resizeLock.writeLock().unlock();
    }
  }

  /** Returns the current map size in bytes. */
  public long mapSize() {
    return env.info().mapSize;
  }

  private static final int ENOSPC = 28;
  private static final int EDQUOT = 122;

  private static StoreException translate(Path dir, RuntimeException e) {
    if (e instanceof LmdbNativeException n && (n.getResultCode() == ENOSPC || n.getResultCode() == EDQUOT)) {
      return new DiskSpaceException("disk full: no space left for the index at " + dir
          + "; nothing was changed (free some space on that file system)");
    }
    if (e instanceof Env.FileInvalidException
        || e instanceof Env.VersionMismatchException
        || e instanceof LmdbNativeException.PageCorruptedException
        || e instanceof LmdbNativeException.PageNotFoundException
        || e instanceof LmdbNativeException.PanicException
        || e instanceof MalformedRecordException) {
      return new StoreCorruptException(dir, "index at " + dir + " is damaged: " + e.getMessage(), e);
    }
    return new StoreException("index at " + dir + ": " + e.getMessage(), e);
  }
}
