package io.btsnap.store.internal.index;

import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.GetOp;
import org.lmdbjava.SeekOp;
import org.lmdbjava.Txn;

/** Typed reads inside one index transaction. Valid only while that transaction is open. */
public class IndexReader {
  final Txn<byte[]> txn;
  final IndexTables tables;
  final IndexStrings strings;

  IndexReader(Txn<byte[]> txn, IndexTables tables) {
    this.txn = txn;
    this.tables = tables;
    this.strings = new IndexStrings(txn, tables.strings(), !txn.isReadOnly());
  }

  /** Returns the run {@code id}, if stored. */
  public Optional<Run> run(RunId id) {
    byte[] key = RecordCodec.runKey(id);
    byte[] value = tables.runs().get(txn, key);
    return value == null ? Optional.empty() : Optional.of(RecordCodec.decodeRun(key, value, strings));
  }

  /** Returns the id of the newest run, if any, decoding nothing else. */
  public Optional<RunId> newestRunId() {
    try (Cursor<byte[]> cursor = tables.runs().openCursor(txn)) {
      return cursor.last() ? Optional.of(RecordCodec.runIdOf(cursor.key())) : Optional.empty();
    }
  }

  /** Returns the newest run, if any. */
  public Optional<Run> newestRun() {
    try (Cursor<byte[]> cursor = tables.runs().openCursor(txn)) {
      if (!cursor.last()) {
        return Optional.empty();
      }
      return Optional.of(RecordCodec.decodeRun(cursor.key(), cursor.val(), strings));
    }
  }

  /**
   * Returns the runs whose id starts or ends with {@code part}, oldest first, at most {@code
   * limit}. Keys are binary, so this scans them; only matching values are decoded.
   */
  public List<Run> runsWithPrefixOrSuffix(String part, int limit) {
    List<Run> found = new ArrayList<>();
    try (Cursor<byte[]> cursor = tables.runs().openCursor(txn)) {
      boolean more = cursor.first();
      while (more && found.size() < limit) {
        String id = RecordCodec.runIdOf(cursor.key()).value();
        if (id.startsWith(part) || id.endsWith(part)) {
          found.add(RecordCodec.decodeRun(cursor.key(), cursor.val(), strings));
        }
        more = cursor.next();
      }
    }
    return found;
  }

  /**
   * Returns up to {@code limit} runs, newest first, starting below {@code olderThan} when given
   * (it need not exist), else at the newest.
   */
  public List<Run> runsNewestFirst(Optional<RunId> olderThan, int limit) {
    List<Run> found = new ArrayList<>(Math.min(limit, 1024));
    try (Cursor<byte[]> cursor = tables.runs().openCursor(txn)) {
      boolean more = olderThan.isEmpty()
          ? cursor.seek(SeekOp.MDB_LAST)
          : cursor.get(RecordCodec.runKey(olderThan.get()), GetOp.MDB_SET_RANGE) ? cursor.prev() : cursor.seek(SeekOp.MDB_LAST);
      while (more && found.size() < limit) {
        found.add(RecordCodec.decodeRun(cursor.key(), cursor.val(), strings));
        more = cursor.prev();
      }
    }
    return found;
  }

  /** Returns the newest run that {@code test} accepts, reading runs newest first until one does. */
  public Optional<Run> newestRunWhere(java.util.function.Predicate<Run> test) {
    try (Cursor<byte[]> cursor = tables.runs().openCursor(txn)) {
      boolean more = cursor.seek(SeekOp.MDB_LAST);
      while (more) {
        Run run = RecordCodec.decodeRun(cursor.key(), cursor.val(), strings);
        if (test.test(run)) {
          return Optional.of(run);
        }
        more = cursor.prev();
      }
    }
    return Optional.empty();
  }

  /** Calls {@code visitor} with every run, newest first. */
  public void forEachRunNewestFirst(Consumer<Run> visitor) {
    try (Cursor<byte[]> cursor = tables.runs().openCursor(txn)) {
      boolean more = cursor.seek(SeekOp.MDB_LAST);
      while (more) {
        visitor.accept(RecordCodec.decodeRun(cursor.key(), cursor.val(), strings));
        more = cursor.prev();
      }
    }
  }

  /** Calls {@code visitor} with the manifest id of every run, decoding nothing else. */
  public void forEachRunManifest(Consumer<BlobId> visitor) {
    forEach(tables.runs(), (key, value) -> visitor.accept(RecordCodec.manifestOfRun(value)));
  }

  /** Returns the number of runs. */
  public long runCount() {
    return tables.runs().stat(txn).entries;
  }

  /** Returns the manifest {@code id}, if stored. */
  public Optional<Manifest> manifest(BlobId id) {
    byte[] value = tables.manifests().get(txn, id.toBytes());
    return value == null ? Optional.empty() : Optional.of(RecordCodec.decodeManifest(id, value));
  }

  /** Calls {@code visitor} with every manifest. */
  public void forEachManifest(Consumer<Manifest> visitor) {
    forEach(
        tables.manifests(),
        (key, value) -> visitor.accept(RecordCodec.decodeManifest(BlobId.fromBytes(key), value)));
  }

  /** Returns how many runs reference manifest {@code id}; 0 when it has no count. */
  public long manifestRefCount(BlobId id) {
    byte[] value = tables.manifestRefs().get(txn, id.toBytes());
    return value == null ? 0 : RecordCodec.decodeCount(value);
  }

  /** Calls {@code visitor} with every manifest reference count. */
  public void forEachManifestRefCount(BiConsumer<BlobId, Long> visitor) {
    forEach(
        tables.manifestRefs(),
        (key, value) -> visitor.accept(BlobId.fromBytes(key), RecordCodec.decodeCount(value)));
  }

  /** Returns what the index knows of blob {@code id}, if it lists it. */
  public Optional<BlobRecord> blob(BlobId id) {
    byte[] value = tables.blobs().get(txn, id.toBytes());
    return value == null ? Optional.empty() : Optional.of(RecordCodec.decodeBlob(value));
  }

  /** Calls {@code visitor} with every blob record. */
  public void forEachBlob(BiConsumer<BlobId, BlobRecord> visitor) {
    forEach(
        tables.blobs(),
        (key, value) -> visitor.accept(BlobId.fromBytes(key), RecordCodec.decodeBlob(value)));
  }

  private void forEach(Dbi<byte[]> table, BiConsumer<byte[], byte[]> visitor) {
    try (Cursor<byte[]> cursor = table.openCursor(txn)) {
      boolean more = cursor.first();
      while (more) {
        visitor.accept(cursor.key(), cursor.val());
        more = cursor.next();
      }
    }
  }
}
