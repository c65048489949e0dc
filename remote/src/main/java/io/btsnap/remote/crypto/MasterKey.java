package io.btsnap.remote.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A repository's master key: 64 random bytes, made once when the repository is created and
 * stored only wrapped by passphrases ({@link KeyObject}). Every key in use is derived from it
 * ({@link RepositoryKeys}). {@code toString} shows nothing of it.
 */
public final class MasterKey {
  /** Bytes in a master key. */
  public static final int LENGTH = 64;

  private final byte[] bytes;

  private MasterKey(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a master key is " + LENGTH + " bytes, not " + bytes.length);
    }
    this.bytes = bytes.clone();
  }

  /** A new random master key. */
  public static MasterKey generate(SecureRandom random) {
    byte[] bytes = new byte[LENGTH];
    random.nextBytes(bytes);
    return new MasterKey(bytes);
  }

  /** The master key {@code bytes} hold, as a key object unwraps it, or a test fixes it. */
  public static MasterKey of(byte[] bytes) {
    return new MasterKey(bytes);
  }

  byte[] bytes() {
    return bytes.clone();
  }

  /**
   * The sub-keys of repository {@code repositoryId}: HKDF-SHA256 with the repository id as salt,
   * so that one master key used for two repositories (a copied key object) names and seals
   * nothing alike in both.
   */
  public RepositoryKeys keysFor(String repositoryId) {
    byte[] prk = Hkdf.extract(("btsnap/v1 " + repositoryId).getBytes(StandardCharsets.UTF_8), bytes);
    try {
      return new RepositoryKeys(repositoryId, Hkdf.expand(prk, info("names"), 32), Hkdf.expand(prk, info("data"), 32),
          Hkdf.expand(prk, info("metadata"), 32));
    } finally {
      Arrays.fill(prk, (byte) 0);
    }
  }

  private static byte[] info(String purpose) {
    return ("btsnap/v1 " + purpose).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "MasterKey[hidden]";
  }
}
