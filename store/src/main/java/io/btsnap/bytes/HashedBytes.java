package io.btsnap.bytes;

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

  /** Returns the SHA-256 of {@code bytes}. */
  public static byte[] sha256(byte[] bytes) {
    return SHA256.get().digest(bytes);
  }
}
