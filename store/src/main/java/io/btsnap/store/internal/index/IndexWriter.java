package io.btsnap.store.internal.index;

import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import org.lmdbjava.Cursor;
import org.lmdbjava.PutFlags;
import org.lmdbjava.Txn;

/** Typed reads and writes inside one write transaction. */
public final class IndexWriter extends IndexReader {

  IndexWriter(Txn<byte[]> txn, IndexTables tables) {
    super(txn, tables);
  }

  /** Stores {@code run}, replacing a run of the same id. */
  public void putRun(Run run) {
    byte[] key = RecordCodec.runKey(run.id());
    byte[] value = RecordCodec.encodeRun(run, strings);
    // Run ids grow with time, so most puts land after the last key. MDB_APPEND then fills
    // pages completely instead of splitting them in half, which keeps the index near half
    // the size for a long grid search.
    if (isAfterLastRun(key)) {
      tables.runs().put(txn, key, value, PutFlags.MDB_APPEND);
    } else {
      tables.runs().put(txn, key, value);
    }
  }

  private boolean isAfterLastRun(byte[] key) {
    try (Cursor<byte[]> cursor = tables.runs().openCursor(txn)) {
      return !cursor.last() || java.util.Arrays.compareUnsigned(cursor.key(), key) < 0;
    }
  }

  /** Removes run {@code id}; returns whether it existed. */
  public boolean deleteRun(RunId id) {
    return tables.runs().delete(txn, RecordCodec.runKey(id));
  }

  /** Stores {@code manifest} under its id. */
  public void putManifest(Manifest manifest) {
    tables.manifests().put(txn, manifest.id().toBytes(), RecordCodec.encodeManifest(manifest));
  }

  /** Removes manifest {@code id} and its reference count. */
  public void deleteManifest(BlobId id) {
    tables.manifests().delete(txn, id.toBytes());
    tables.manifestRefs().delete(txn, id.toBytes());
  }

  /** Sets how many runs reference manifest {@code id}. */
  public void putManifestRefCount(BlobId id, long count) {
    tables.manifestRefs().put(txn, id.toBytes(), RecordCodec.encodeCount(count));
  }

  /** Stores what the index knows of blob {@code id}. */
  public void putBlob(BlobId id, BlobRecord record) {
    tables.blobs().put(txn, id.toBytes(), RecordCodec.encodeBlob(record));
  }

  /** Removes the record of blob {@code id}. */
  public void deleteBlob(BlobId id) {
    tables.blobs().delete(txn, id.toBytes());
  }
}
