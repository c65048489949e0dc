package io.btsnap.serve;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Messages on the socket: a 4-byte big-endian length, then that many bytes of UTF-8 JSON. A
 * length over {@link #MAX_BYTES} cannot be skipped safely (the stream has no other boundary),
 * so the service answers it with an error and closes the connection.
 */
final class Frames {
  /** The largest frame: a capture request lists a few thousand module paths at most. */
  static final int MAX_BYTES = 4 << 20;

  private Frames() {}

  /** A frame whose length is over the limit or negative. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(long length) {
      super("frame of " + length + " bytes is over the limit of " + MAX_BYTES);
    }
  }

  /** Reads one frame; null at a clean end of stream, {@link EOFException} in the middle of one. */
  static String read(SocketChannel channel) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(4);
    if (!fill(channel, header, true)) {
      return null;
    }
    int length = header.flip().getInt();
    if (length < 0 || length > MAX_BYTES) {
      throw new TooLargeException(Integer.toUnsignedLong(length));
    }
    ByteBuffer body = ByteBuffer.allocate(length);
    fill(channel, body, false);
    return StandardCharsets.UTF_8.newDecoder().decode(body.flip()).toString();
  }

  /** Writes {@code text} as one frame. */
  static void write(SocketChannel channel, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    // Header and body in one gathering write: no second copy of a reply of several KB.
    ByteBuffer[] frame = {ByteBuffer.allocate(4).putInt(0, bytes.length), ByteBuffer.wrap(bytes)};
    while (frame[0].hasRemaining() || frame[1].hasRemaining()) {
      channel.write(frame);
    }
  }

  private static boolean fill(SocketChannel channel, ByteBuffer buffer, boolean endAllowed) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        if (endAllowed && buffer.position() == 0) {
          return false;
        }
        throw new EOFException("connection closed in the middle of a frame");
      }
    }
    return true;
  }
}
