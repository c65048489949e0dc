package io.btsnap.store.internal.index;

import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link RecordOutput} wrote. A truncated or malformed record throws {@link
 * MalformedRecordException}, so damage in the index surfaces as corruption, not as a crash.
 */
final class RecordInput {
  private final byte[] bytes;
  private int position;

  RecordInput(byte[] bytes) {
    this.bytes = bytes;
  }

  int readByte() {
    if (position >= bytes.length) {
      throw new MalformedRecordException("record ends early at byte " + position);
    }
    return bytes[position++] & 0xFF;
  }

  long readVarLong() {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new MalformedRecordException("varint longer than 64 bits");
  }

  int readVarInt() {
    long value = readVarLong();
    if (value > Integer.MAX_VALUE) {
      throw new MalformedRecordException("count out of range: " + value);
    }
    return (int) value;
  }

  String readString() {
    int length = readVarInt();
    byte[] utf8 = readRaw(length);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  byte[] readRaw(int length) {
    if (length > bytes.length - position) {
      throw new MalformedRecordException("record ends early: wants " + length + " bytes");
    }
    byte[] out = new byte[length];
    System.arraycopy(bytes, position, out, 0, length);
    position += length;
    return out;
  }

  void expectEnd() {
    if (position != bytes.length) {
      throw new MalformedRecordException((bytes.length - position) + " trailing bytes");
    }
  }
}
