package io.btsnap.store.internal.index;

import io.btsnap.store.model.StoreCorruptException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks {@code data.mdb} before LMDB maps it. LMDB trusts its meta page: a file cut short
 * below the last page the meta page names is mapped anyway, and the first read of a missing page
 * kills the JVM with SIGBUS. An empty file is taken by LMDB for a new environment, which would
 * show a store whose index was lost as an empty one. Both are refused here as damage.
 *
 * <p>The meta page layout is LMDB 0.9's, in the machine's byte order: after the 16-byte page
 * header come the magic (4), version (4), address (8), map size (8), two 48-byte database
 * records (the first one's first 4 bytes hold the page size), the last page number (8) and the
 * transaction id (8). Two meta pages alternate; the one with the higher transaction id is live.
 */
final class DataFileCheck {
  private static final int MAGIC = 0xBEEFC0DE;
  private static final int HEADER = 16;
  private static final int MAGIC_AT = HEADER;
  private static final int PAGE_SIZE_AT = HEADER + 4 + 4 + 8 + 8;
  private static final int LAST_PAGE_AT = PAGE_SIZE_AT + 2 * 48;
  private static final int TXN_ID_AT = LAST_PAGE_AT + 8;
  private static final int MIN_PAGE = 512;

  private DataFileCheck() {}

  /** Refuses a damaged data file; {@code storeHasBlobs} tells an emptied index from a new one. */
  static void check(Path dataFile, java.util.concurrent.Callable<Boolean> storeHasBlobs) throws IOException {
    if (!Files.exists(dataFile)) {
      if (hasBlobs(storeHasBlobs)) {
        throw damaged(dataFile, "is missing, but the store holds blobs: the index was lost");
      }
      return;
    }
    try (FileChannel channel = FileChannel.open(dataFile, StandardOpenOption.READ)) {
      ByteBuffer first = read(channel, 0, 4096);
      if (first.limit() == 0) {
        if (hasBlobs(storeHasBlobs)) {
          throw damaged(dataFile, "is empty, but the store holds blobs: the index was lost");
        }
        return;
      }
      if (first.limit() < TXN_ID_AT + 8 || first.getInt(MAGIC_AT) != MAGIC) {
        throw damaged(dataFile, "is not an LMDB file (no meta page)");
      }
      long pageSize = Integer.toUnsignedLong(first.getInt(PAGE_SIZE_AT));
      if (pageSize < MIN_PAGE || Long.bitCount(pageSize) != 1) {
        throw damaged(dataFile, "has a meta page with page size " + pageSize);
      }
      long lastPage = first.getLong(LAST_PAGE_AT);
      long txnId = first.getLong(TXN_ID_AT);
      ByteBuffer second = read(channel, pageSize, TXN_ID_AT + 8);
      if (second.limit() >= TXN_ID_AT + 8 && second.getInt(MAGIC_AT) == MAGIC && second.getLong(TXN_ID_AT) > txnId) {
        lastPage = second.getLong(LAST_PAGE_AT);
      }
      // The size is read after the meta pages: another process may commit meanwhile, and LMDB
      // writes a commit's pages before its meta page, so the file only grows past what they name.
      long size = channel.size();
      long needed = (lastPage + 1) * pageSize;
      if (lastPage < 1 || needed > size) {
        throw damaged(dataFile, "is truncated: " + size + " bytes, but its pages reach " + needed);
      }
    }
  }

  private static boolean hasBlobs(java.util.concurrent.Callable<Boolean> storeHasBlobs) throws IOException {
    try {
      return storeHasBlobs.call();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private static ByteBuffer read(FileChannel channel, long at, long length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) length).order(ByteOrder.nativeOrder());
    while (buffer.hasRemaining() && channel.read(buffer, at + buffer.position()) > 0) {
      // keep reading until full or end of file
    }
    buffer.flip();
    return buffer;
  }

  private static StoreCorruptException damaged(Path file, String why) {
    return new StoreCorruptException(file, "index " + file + " " + why + "; restore the store from a backup or an export", null);
  }
}
