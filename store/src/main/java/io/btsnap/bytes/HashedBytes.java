package io.btsnap.bytes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * A file's bytes with their SHA-256, computed once where they were read: the blob's name, the key
 * under which its scans are remembered. Neither array is copied, and neither may be changed.
 */
public record HashedBytes(byte[] bytes, byte[] sha256) {
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  private static final LastReads LAST_READS = new LastReads();

  public HashedBytes {
    Objects.requireNonNull(bytes, "bytes");
    if (sha256.length != 32) {
      throw new IllegalArgumentException("a SHA-256 has 32 bytes, not " + sha256.length);
    }
  }

  /** Hashes {@code bytes}. */
  public static HashedBytes of(byte[] bytes) {
    return new HashedBytes(bytes, sha256(bytes));
  }

  /**
   * Reads {@code file} whole and hashes it; when it holds the bytes its last read here gave, the
   * hash of that read is reused ({@link LastReads}).
   */
  public static HashedBytes read(Path file) throws IOException {
    return LAST_READS.hashed(file, Files.readAllBytes(file));
  }

  /** Returns the SHA-256 of {@code bytes}. */
  public static byte[] sha256(byte[] bytes) {
    return SHA256.get().digest(bytes);
  }
}
