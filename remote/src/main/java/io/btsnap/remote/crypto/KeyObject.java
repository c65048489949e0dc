package io.btsnap.remote.crypto;

import io.btsnap.json.Json;
import io.btsnap.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One key object of a repository: its master key wrapped by one passphrase. JSON:
 * <pre>
 * {"format":1, "kdf":"argon2id", "memoryKiB":65536, "iterations":3, "parallelism":1,
 *  "salt":"&lt;base64&gt;", "nonce":"&lt;base64&gt;", "key":"&lt;base64 AES-256-GCM of the master key&gt;"}
 * </pre>
 * The wrapping key is argon2id of the passphrase with the object's own parameters and salt, so
 * stronger parameters can come with new keys without touching old ones. The associated data
 * binds the object to its repository and its key id: a key object copied from another
 * repository, or renamed, opens nothing.
 */
public final class KeyObject {
  private static final int FORMAT = 1;

  private KeyObject() {}

  /** Wraps {@code master} with {@code passphrase} as key {@code keyId} of {@code repositoryId}. */
  public static byte[] create(MasterKey master, byte[] passphrase, Argon2id kdf, String repositoryId, String keyId,
      SecureRandom random) {
    byte[] nonce = new byte[12];
    random.nextBytes(nonce);
    byte[] wrapping = kdf.derive(passphrase, 32);
    byte[] plain = master.bytes();
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(wrapping, "AES"), new GCMParameterSpec(128, nonce));
      cipher.updateAAD(associatedData(repositoryId, keyId));
      byte[] wrapped = cipher.doFinal(plain);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("format", FORMAT);
      json.put("kdf", "argon2id");
      json.put("memoryKiB", kdf.memoryKiB());
      json.put("iterations", kdf.iterations());
      json.put("parallelism", kdf.parallelism());
      json.put("salt", Base64.getEncoder().encodeToString(kdf.salt()));
      json.put("nonce", Base64.getEncoder().encodeToString(nonce));
      json.put("key", Base64.getEncoder().encodeToString(wrapped));
      return Json.writeCompact(json).getBytes(StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks AES-GCM", e);
    } finally {
      Arrays.fill(wrapping, (byte) 0);
      Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * Opens key object {@code bytes} with {@code passphrase}: the master key, or empty when the
   * passphrase is not this key's. Throws {@link IllegalArgumentException} when the object is not
   * a key object at all.
   */
  @SuppressWarnings("unchecked")
  public static Optional<MasterKey> open(byte[] bytes, byte[] passphrase, String repositoryId, String keyId) {
    Map<String, Object> json;
    Argon2id kdf;
    byte[] nonce;
    byte[] wrapped;
    try {
      json = (Map<String, Object>) JsonReader.parse(new String(bytes, StandardCharsets.UTF_8));
      if (!Long.valueOf(FORMAT).equals(json.get("format")) || !"argon2id".equals(json.get("kdf"))) {
        throw new IllegalArgumentException("unknown format or kdf");
      }
      kdf = new Argon2id(number(json, "memoryKiB"), number(json, "iterations"), number(json, "parallelism"),
          Base64.getDecoder().decode((String) json.get("salt")));
      nonce = Base64.getDecoder().decode((String) json.get("nonce"));
      wrapped = Base64.getDecoder().decode((String) json.get("key"));
      if (nonce.length != 12) {
        throw new IllegalArgumentException("a nonce of " + nonce.length + " bytes");
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a key object: " + e.getMessage(), e);
    }
    byte[] wrapping = kdf.derive(passphrase, 32);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(wrapping, "AES"), new GCMParameterSpec(128, nonce));
      cipher.updateAAD(associatedData(repositoryId, keyId));
      byte[] plain = cipher.doFinal(wrapped);
      try {
        return Optional.of(MasterKey.of(plain));
      } finally {
        Arrays.fill(plain, (byte) 0);
      }
    } catch (AEADBadTagException e) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks AES-GCM", e);
    } finally {
      Arrays.fill(wrapping, (byte) 0);
    }
  }

  private static int number(Map<String, Object> json, String field) {
    return Math.toIntExact((Long) json.get(field));
  }

  private static byte[] associatedData(String repositoryId, String keyId) {
    return ("btsnap/v1 key\0" + repositoryId + "\0" + keyId).getBytes(StandardCharsets.UTF_8);
  }
}
