package io.btsnap.remote;

import io.btsnap.json.Json;
import io.btsnap.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The config object of a repository, {@code PREFIX/btsnap/config}, in plain JSON (it holds no
 * secret): {@code {"format":1,"kind":"encrypted","repository":"<32 hex>"}}. Written last when
 * a repository is created, never changed. Encrypted repositories keep all their objects under
 * {@code PREFIX/btsnap/}, where a plain client neither reads nor writes; a plain remote made by
 * {@code remote add --no-encryption} has a config of kind {@code plain} and its objects right
 * under the prefix, as remotes made before encryption existed (which have no config).
 *
 * @param kind {@code encrypted} or {@code plain}
 * @param repositoryId 32 random hex digits, also bound into every sealed body
 */
public record RepositoryConfig(String kind, String repositoryId) {
  /** The config object's key under the prefix. */
  static final String KEY = "btsnap/config";
  /** The folder, under the prefix, of an encrypted repository's key objects. */
  static final String KEYS = "btsnap/keys/";
  /** The format this version writes and reads. */
  static final int FORMAT = 1;

  /** Checks the fields. */
  public RepositoryConfig {
    if (!"encrypted".equals(kind) && !"plain".equals(kind)) {
      throw new IllegalArgumentException("unknown repository kind " + kind);
    }
    if (!repositoryId.matches("[0-9a-f]{32}")) {
      throw new IllegalArgumentException("a repository id is 32 hex digits");
    }
  }

  byte[] toBytes() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", FORMAT);
    json.put("kind", kind);
    json.put("repository", repositoryId);
    return Json.writeCompact(json).getBytes(StandardCharsets.UTF_8);
  }

  /** Reads a config object; one line naming what is wrong otherwise. */
  @SuppressWarnings("unchecked")
  static RepositoryConfig parse(String remote, byte[] bytes) throws RemoteException {
    Map<String, Object> json;
    try {
      json = (Map<String, Object>) JsonReader.parse(new String(bytes, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new RemoteException("remote " + remote + ": " + KEY + " is not a btsnap config: " + e.getMessage(), e);
    }
    if (!Long.valueOf(FORMAT).equals(json.get("format"))) {
      throw new RemoteException("remote " + remote + ": " + KEY + " has format " + json.get("format")
          + ", which this btsnap does not read: upgrade btsnap");
    }
    try {
      return new RepositoryConfig((String) json.get("kind"), (String) json.get("repository"));
    } catch (RuntimeException e) {
      throw new RemoteException("remote " + remote + ": " + KEY + " is damaged: " + e.getMessage(), e);
    }
  }
}
