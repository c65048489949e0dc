package io.btsnap.store.internal.index;

import java.nio.charset.StandardCharsets;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.Txn;

/** The named databases of the index environment. */
record IndexTables(
    Dbi<byte[]> runs,
    Dbi<byte[]> manifests,
    Dbi<byte[]> manifestRefs,
    Dbi<byte[]> blobs,
    Dbi<byte[]> strings,
    Dbi<byte[]> meta) {

  /**
   * Opens the tables, creating those missing. They exist in every store but a new one, and
   * then a read transaction opens them: no writer lock, which parallel captures would queue
   * for, and no commit. The {@code meta} table appeared with schema 2: a store without it is
   * migrated in the write transaction that creates it.
   */
  static IndexTables open(Env<byte[]> env) {
    try (Txn<byte[]> txn = env.txnRead()) {
      IndexTables tables = in(env, txn);
      IndexMigration.checkReadable(txn, tables);
      txn.commit(); // a read transaction keeps the handles it opened only when committed
      return tables;
    } catch (Dbi.KeyNotFoundException e) {
      // a new store: create them below
    }
    try (Txn<byte[]> txn = env.txnWrite()) {
      IndexTables tables = in(env, txn, DbiFlags.MDB_CREATE);
      IndexMigration.migrate(txn, tables);
      txn.commit();
      return tables;
    }
  }

  private static IndexTables in(Env<byte[]> env, Txn<byte[]> txn, DbiFlags... flags) {
    return new IndexTables(
        table(env, txn, "runs", flags), table(env, txn, "manifests", flags), table(env, txn, "manifest-refs", flags),
        table(env, txn, "blobs", flags), table(env, txn, "strings", flags), table(env, txn, "meta", flags));
  }

  private static Dbi<byte[]> table(Env<byte[]> env, Txn<byte[]> txn, String name, DbiFlags... flags) {
    return env.openDbi(txn, name.getBytes(StandardCharsets.UTF_8), null, false, flags);
  }
}
