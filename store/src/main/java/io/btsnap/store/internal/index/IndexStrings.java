package io.btsnap.store.internal.index;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.Txn;

/**
 * The string table of one transaction, in the {@code strings} database: key {@code 's' + UTF-8}
 * (or {@code 'h' + SHA-256} for strings too long for an LMDB key) holds the number, key {@code
 * 'n' + 4-byte number} holds the string. It caches what it reads for
 * the transaction's life only, so an aborted write leaves nothing behind in memory.
 */
final class IndexStrings implements StringTable {
  private static final byte BY_VALUE = 's';
  private static final byte BY_ID = 'n';
  private static final byte BY_HASH = 'h';
  private static final int MAX_LITERAL_KEY = 400;

  private final Txn<byte[]> txn;
  private final Dbi<byte[]> table;
  private final boolean writable;
  private final Map<Integer, String> byId = new HashMap<>();
  private final Map<String, Long> byValue = new HashMap<>();

  IndexStrings(Txn<byte[]> txn, Dbi<byte[]> table, boolean writable) {
    this.txn = txn;
    this.table = table;
    this.writable = writable;
  }

  @Override
  public long idOf(String value) {
    Long cached = byValue.get(value);
    if (cached != null) {
      return cached;
    }
    byte[] found = table.get(txn, valueKey(value));
    long id;
    if (found != null) {
      id = RecordCodec.decodeCount(found);
    } else {
      if (!writable) {
        throw new IllegalStateException("string not in table: " + value);
      }
      id = nextId();
      table.put(txn, valueKey(value), RecordCodec.encodeCount(id));
      table.put(txn, idKey((int) id), value.getBytes(StandardCharsets.UTF_8));
    }
    byValue.put(value, id);
    return id;
  }

  @Override
  public String valueOf(int id) {
    String cached = byId.get(id);
    if (cached != null) {
      return cached;
    }
    byte[] found = table.get(txn, idKey(id));
    if (found == null) {
      throw new MalformedRecordException("string " + id + " is not in the string table");
    }
    String value = new String(found, StandardCharsets.UTF_8);
    byId.put(id, value);
    return value;
  }

  private long nextId() {
    try (Cursor<byte[]> cursor = table.openCursor(txn)) {
      // Numbered keys ('n') sort just before literal value keys ('s'), after hashed ones ('h'):
      // the key before the first 's' key is the highest number.
      boolean found = cursor.get(new byte[] {BY_VALUE}, org.lmdbjava.GetOp.MDB_SET_RANGE) ? cursor.prev() : cursor.last();
      if (found && cursor.key().length == 5 && cursor.key()[0] == BY_ID) {
        return readId(cursor.key()) + 1L;
      }
      return 0;
    }
  }

  /**
   * Keys of long strings, by the string, never changed once made: every capture of a sweep
   * stores the same environment text, a few KB that were hashed on each commit.
   */
  private static final Map<String, byte[]> HASHED_KEYS = new java.util.concurrent.ConcurrentHashMap<>();

  private static int readId(byte[] key) {
    return (key[1] & 0xFF) << 24 | (key[2] & 0xFF) << 16 | (key[3] & 0xFF) << 8 | (key[4] & 0xFF);
  }

  private static byte[] valueKey(String value) {
    // A string of more chars than the limit has more UTF-8 bytes too.
    byte[] known = value.length() > MAX_LITERAL_KEY ? HASHED_KEYS.get(value) : null;
    if (known != null) {
      return known;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    if (utf8.length > MAX_LITERAL_KEY) {
      // LMDB keys are at most 511 bytes; a long string is keyed by its hash instead.
      byte[] key = new byte[1 + io.btsnap.store.model.BlobId.BYTES];
      key[0] = BY_HASH;
      System.arraycopy(io.btsnap.bytes.HashedBytes.sha256(utf8), 0, key, 1, io.btsnap.store.model.BlobId.BYTES);
      if (HASHED_KEYS.size() >= 256) {
        HASHED_KEYS.clear(); // a bound, not an LRU
      }
      HASHED_KEYS.put(value, key);
      return key;
    }
    byte[] key = new byte[utf8.length + 1];
    key[0] = BY_VALUE;
    System.arraycopy(utf8, 0, key, 1, utf8.length);
    return key;
  }

  private static byte[] idKey(int id) {
    return new byte[] {BY_ID, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
  }
}
