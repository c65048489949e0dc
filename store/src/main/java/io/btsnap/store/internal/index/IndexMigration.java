package io.btsnap.store.internal.index;

import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.Provenance;
import io.btsnap.store.model.Run;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.Txn;

/**
 * Brings an index written by an earlier btsnap to the current schema, inside the write
 * transaction that creates the {@code meta} table, so the change is all or nothing and no
 * other process sees it half done (LMDB has one writer across processes).
 *
 * <p>Schema 1 hashed each file's reason into the manifest id, so the same code captured two
 * ways had two ids. Schema 2 keys manifests by their code alone: each old manifest becomes the
 * manifest of its entries without reasons (several old ones may become one, their run counts
 * added and their blobs' entry counts reduced to match) and the reasons move to each run's
 * provenance.
 */
final class IndexMigration {
  static final int SCHEMA = 2;
  private static final byte[] SCHEMA_KEY = "schema".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private IndexMigration() {}

  /** Returns the schema recorded in {@code meta}, 1 when none is (a store of schema 1). */
  static long schemaOf(Txn<byte[]> txn, IndexTables tables) {
    byte[] value = tables.meta().get(txn, SCHEMA_KEY);
    return value == null ? 1 : RecordCodec.decodeCount(value);
  }

  /** Refuses an index of a schema newer than this btsnap's. */
  static long checkReadable(Txn<byte[]> txn, IndexTables tables) {
    long schema = schemaOf(txn, tables);
    if (schema > SCHEMA) {
      throw new MalformedRecordException("index schema " + schema + ", this btsnap reads schema " + SCHEMA
          + " (a newer btsnap wrote it)");
    }
    return schema;
  }

  /** Migrates the index in {@code txn} to {@link #SCHEMA} when it is older. */
  static void migrate(Txn<byte[]> txn, IndexTables tables) {
    long schema = checkReadable(txn, tables);
    if (schema < SCHEMA) {
      IndexWriter writer = new IndexWriter(txn, tables);
      Map<BlobId, Migrated> manifests = migrateManifests(txn, tables, writer);
      migrateRuns(txn, tables, writer, manifests);
    }
    tables.meta().put(txn, SCHEMA_KEY, RecordCodec.encodeCount(SCHEMA));
  }

  private record Migrated(BlobId id, Provenance provenance) {}

  private static Map<BlobId, Migrated> migrateManifests(Txn<byte[]> txn, IndexTables tables, IndexWriter writer) {
    Map<BlobId, byte[]> old = entriesOf(txn, tables.manifests(), RecordCodec.MANIFEST_V1, RecordCodec::manifestFormat);
    Map<BlobId, Migrated> byOldId = new HashMap<>();
    Map<BlobId, Manifest> created = new LinkedHashMap<>();
    Map<BlobId, Long> runCounts = new HashMap<>();
    for (Map.Entry<BlobId, byte[]> e : old.entrySet()) {
      RecordCodec.LegacyManifest legacy = RecordCodec.decodeManifestV1(e.getValue());
      Manifest manifest = Manifest.of(legacy.entries());
      byOldId.put(e.getKey(), new Migrated(manifest.id(), Provenance.of(legacy.reasons())));
      long refs = writer.manifestRefCount(e.getKey());
      writer.deleteManifest(e.getKey());
      runCounts.merge(manifest.id(), refs, Long::sum);
      if (created.putIfAbsent(manifest.id(), manifest) != null) {
        // Two old manifests of the same code are now one: its blobs lose the second's entries.
        for (ManifestEntry entry : manifest.entries()) {
          writer.blob(entry.blob()).ifPresent(b -> writer.putBlob(entry.blob(), b.withRefCountAdded(-1)));
        }
      }
    }
    for (Manifest manifest : created.values()) {
      writer.putManifest(manifest);
      writer.putManifestRefCount(manifest.id(), runCounts.get(manifest.id()));
    }
    return byOldId;
  }

  private static void migrateRuns(Txn<byte[]> txn, IndexTables tables, IndexWriter writer, Map<BlobId, Migrated> manifests) {
    List<byte[][]> old = new ArrayList<>();
    try (Cursor<byte[]> cursor = tables.runs().openCursor(txn)) {
      for (boolean more = cursor.first(); more; more = cursor.next()) {
        if (RecordCodec.runFormat(cursor.val()) == RecordCodec.RUN_V1) {
          old.add(new byte[][] {cursor.key(), cursor.val()});
        }
      }
    }
    for (byte[][] record : old) {
      BlobId oldManifest = RecordCodec.manifestOfRun(record[1]);
      // A run whose manifest is missing keeps its id, for verify to report.
      Migrated to = manifests.getOrDefault(oldManifest, new Migrated(oldManifest, Provenance.NONE));
      Run run = RecordCodec.decodeRunV1(record[0], record[1], writer.strings, to.provenance());
      tables.runs().put(txn, record[0], RecordCodec.encodeRun(
          new Run(run.id(), run.created(), run.mode(), run.entry(), run.root(), run.params(), run.labels(),
              run.pinned(), to.id(), run.provenance(), run.environment(), run.metrics()), writer.strings));
    }
  }

  private static Map<BlobId, byte[]> entriesOf(
      Txn<byte[]> txn, Dbi<byte[]> table, int format, java.util.function.ToIntFunction<byte[]> formatOf) {
    Map<BlobId, byte[]> found = new LinkedHashMap<>();
    try (Cursor<byte[]> cursor = table.openCursor(txn)) {
      for (boolean more = cursor.first(); more; more = cursor.next()) {
        if (formatOf.applyAsInt(cursor.val()) == format) {
          found.put(BlobId.fromBytes(cursor.key()), cursor.val());
        }
      }
    }
    return found;
  }
}
