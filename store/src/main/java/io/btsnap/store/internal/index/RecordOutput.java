package io.btsnap.store.internal.index;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the fields of an index record: unsigned LEB128 varints and length-prefixed UTF-8. */
final class RecordOutput {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);

  RecordOutput(int formatVersion) {
    bytes.write(formatVersion);
  }

  RecordOutput writeByte(int value) {
    bytes.write(value);
    return this;
  }

  RecordOutput writeVarLong(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative varint " + value);
    }
    while ((value & ~0x7FL) != 0) {
      bytes.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    bytes.write((int) value);
    return this;
  }

  RecordOutput writeString(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    writeVarLong(utf8.length);
    bytes.writeBytes(utf8);
    return this;
  }

  RecordOutput writeRaw(byte[] value) {
    bytes.writeBytes(value);
    return this;
  }

  byte[] toByteArray() {
    return bytes.toByteArray();
  }
}
