package io.btsnap.remote.crypto;

import io.btsnap.bytes.HashedBytes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of one unlocked repository, derived from its master key: the name key makes object
 * names, the data key seals content-addressed objects, the metadata key the others.
 *
 * <p>A sealed body is {@code 0x01 ‖ kind ‖ nonce (12) ‖ AES-256-GCM ciphertext and tag}, with
 * associated data {@code "btsnap/v1" 0 repositoryId 0 objectName 0 0x01 kind}: a body moved to
 * another name, another repository, or given another kind byte fails authentication.
 * <ul>
 * <li>kind 1, content: key {@code HKDF-Expand(dataKey, "object key" 0 name)}, nonce
 *   {@code HKDF-Expand(dataKey, "object nonce" 0 name 0 SHA-256(body))}. The name is itself
 *   derived from the content's hash, so the same content always seals to the same bytes: two
 *   workers writing one blob write one object, and a conditional PUT finds it there.
 * <li>kind 2, random: the metadata key and a random nonce, for objects rewritten under one name
 *   (leases) or not named by their content (segments, gc marks and tombstones).
 * </ul>
 */
public final class RepositoryKeys {
  private static final byte FORMAT = 1;
  private static final byte CONTENT = 1;
  private static final byte RANDOM = 2;
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  private final String repositoryId;
  private final byte[] nameKey;
  private final byte[] dataKey;
  private final byte[] metadataKey;
  private final SecureRandom random = new SecureRandom();

  RepositoryKeys(String repositoryId, byte[] nameKey, byte[] dataKey, byte[] metadataKey) {
    this.repositoryId = repositoryId;
    this.nameKey = nameKey;
    this.dataKey = dataKey;
    this.metadataKey = metadataKey;
  }

  /**
   * Seals and opens on throwaway keys once, on a daemon thread. Started as a passphrase's key
   * derivation begins, it loads and compiles the cipher code on the core argon2id leaves idle:
   * in a cold process that code otherwise adds ~150 ms to the first push (cipher lookup ~80 ms,
   * the first segment's AES-GCM ~65 ms).
   */
  public static void warmUpInBackground() {
    Thread thread = new Thread(() -> {
      try {
        RepositoryKeys keys = MasterKey.of(new byte[MasterKey.LENGTH]).keysFor("warm-up");
        byte[] body = new byte[64 * 1024];
        for (int i = 0; i < 4; i++) {
          keys.open("runs/warm-up", keys.sealRandom("runs/warm-up", body));
          keys.sealContent("blobs/warm-up", body);
          keys.name("blob", new byte[32]);
        }
      } catch (AEADBadTagException | RuntimeException e) {
        // Only time lost: the repository's own keys meet the same failure and report it.
      }
    }, "btsnap-cipher-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  /** The repository these keys belong to. */
  public String repositoryId() {
    return repositoryId;
  }

  /**
   * The name of the object of {@code type} whose content hashes to {@code hash}: hex
   * HMAC-SHA256 under the name key of {@code type 0 hash}. Without the key, a name says nothing
   * of the hash, so a reader of the bucket cannot test whether it holds a file they know.
   */
  public String name(String type, byte[] hash) {
    return HexFormat.of().formatHex(Hkdf.hmac(nameKey, utf8(type), new byte[] {0}, hash));
  }

  /** Seals a content-addressed object: the same {@code body} under the same name gives the same bytes. */
  public byte[] sealContent(String objectName, byte[] body) {
    byte[] nonce = Hkdf.expand(dataKey, concat(utf8("object nonce"), new byte[] {0}, utf8(objectName), new byte[] {0},
        HashedBytes.sha256(body)), NONCE);
    return seal(objectName, CONTENT, contentKey(objectName), nonce, body);
  }

  /** Seals an object with a random nonce under the metadata key. */
  public byte[] sealRandom(String objectName, byte[] body) {
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    return seal(objectName, RANDOM, metadataKey, nonce, body);
  }

  /**
   * Opens a body sealed by either method under {@code objectName}; throws {@link
   * AEADBadTagException} when it was changed, truncated, sealed under another name or repository.
   */
  public byte[] open(String objectName, byte[] sealed) throws AEADBadTagException {
    if (sealed.length < 2 + NONCE + TAG_BITS / 8 || sealed[0] != FORMAT || (sealed[1] != CONTENT && sealed[1] != RANDOM)) {
      throw new AEADBadTagException("not a sealed btsnap object");
    }
    byte kind = sealed[1];
    byte[] key = kind == CONTENT ? contentKey(objectName) : metadataKey;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, sealed, 2, NONCE));
      cipher.updateAAD(associatedData(objectName, kind));
      return cipher.doFinal(sealed, 2 + NONCE, sealed.length - 2 - NONCE);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks AES-GCM", e);
    }
  }

  private byte[] contentKey(String objectName) {
    return Hkdf.expand(dataKey, concat(utf8("object key"), new byte[] {0}, utf8(objectName)), 32);
  }

  private byte[] seal(String objectName, byte kind, byte[] key, byte[] nonce, byte[] body) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(objectName, kind));
      byte[] out = new byte[2 + NONCE + cipher.getOutputSize(body.length)];
      out[0] = FORMAT;
      out[1] = kind;
      System.arraycopy(nonce, 0, out, 2, NONCE);
      cipher.doFinal(body, 0, body.length, out, 2 + NONCE);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks AES-GCM", e);
    }
  }

  private byte[] associatedData(String objectName, byte kind) {
    return concat(utf8("btsnap/v1"), new byte[] {0}, utf8(repositoryId), new byte[] {0}, utf8(objectName), new byte[] {0},
        new byte[] {FORMAT, kind});
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Override
  public String toString() {
    return "RepositoryKeys[" + repositoryId + "]";
  }
}
