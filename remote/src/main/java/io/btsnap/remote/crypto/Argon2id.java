package io.btsnap.remote.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106) through Bouncy Castle, turning a passphrase into the key that wraps a
 * repository's master key. Memory-hard, so guessing passphrases offline from a copy of the
 * bucket costs each guess {@code memoryKiB} of memory and about half a second of one core.
 *
 * @param memoryKiB memory per derivation, in KiB
 * @param iterations passes over that memory
 * @param parallelism lanes
 * @param salt random, 16 bytes, one per key object
 */
public record Argon2id(int memoryKiB, int iterations, int parallelism, byte[] salt) {
  /**
   * 64 MiB: a quarter of the capture service's default heap, so a service that unlocks a remote
   * while serving captures does not run out of memory, yet each guess costs 64 MiB of fast memory.
   */
  public static final int DEFAULT_MEMORY_KIB = 64 * 1024;
  /** With 64 MiB, about half a second on a current core (docs/remote.md gives the figure). */
  public static final int DEFAULT_ITERATIONS = 3;

  /** Checks the parameters: a key object from the bucket may carry anything. */
  public Argon2id {
    if (memoryKiB < 8 * 1024 || memoryKiB > 1024 * 1024 || iterations < 1 || iterations > 64 || parallelism < 1
        || parallelism > 16 || salt.length < 16 || salt.length > 64) {
      throw new IllegalArgumentException("argon2id parameters out of range: " + memoryKiB + " KiB, " + iterations
          + " iterations, " + parallelism + " lanes, " + salt.length + "-byte salt");
    }
    salt = salt.clone();
  }

  /** New parameters with the defaults and a fresh random salt. */
  public static Argon2id withNewSalt(SecureRandom random) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return new Argon2id(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, 1, salt);
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  /** Derives {@code length} bytes from {@code passphrase} (its UTF-8 bytes). */
  public byte[] derive(byte[] passphrase, int length) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(memoryKiB).withIterations(iterations).withParallelism(parallelism).withSalt(salt).build());
    byte[] out = new byte[length];
    generator.generateBytes(passphrase, out);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Argon2id a && a.memoryKiB == memoryKiB && a.iterations == iterations && a.parallelism == parallelism
        && Arrays.equals(a.salt, salt);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(salt);
  }

  @Override
  public String toString() {
    return "argon2id(m=" + memoryKiB + "KiB, t=" + iterations + ", p=" + parallelism + ")";
  }
}
