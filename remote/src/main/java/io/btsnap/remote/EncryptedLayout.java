package io.btsnap.remote;

import io.btsnap.bytes.HashedBytes;
import io.btsnap.remote.crypto.KeyObject;
import io.btsnap.remote.crypto.MasterKey;
import io.btsnap.remote.crypto.RepositoryKeys;
import io.btsnap.store.model.BlobId;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.AEADBadTagException;

/**
 * An encrypted repository, unlocked. Under {@code PREFIX/btsnap/}:
 * <pre>
 * config                     kind, format, repository id (plain JSON, {@link RepositoryConfig})
 * keys/&lt;key id&gt;             the master key wrapped by one passphrase ({@link KeyObject})
 * blobs/&lt;hmac&gt;              a file's content; hmac = HMAC-SHA256(name key, "blob" 0 sha256)
 * manifests/&lt;hmac&gt;          a code version's file list; "manifest" 0 its id
 * runs/&lt;hmac&gt;               a push's run records; "segment" 0 sha256 of the records
 * leases/, gc/               as in a plain remote; bodies sealed, names without content
 * </pre>
 * Blobs and manifests seal deterministically, everything else with a random nonce ({@link
 * RepositoryKeys}). The associated data of every body holds its name, so a body moved to
 * another name fails authentication.
 */
final class EncryptedLayout implements BucketLayout {
  static final String ROOT = "btsnap/";

  private final String remote;
  private final RepositoryKeys keys;
  private final MasterKey master;
  private final String keyId;
  /** The time spent deriving keys from the passphrase (argon2id) to unlock, in nanoseconds. */
  private final long deriveNanos;

  EncryptedLayout(String remote, MasterKey master, String repositoryId, String keyId, long deriveNanos) {
    this.remote = remote;
    this.master = master;
    this.keys = master.keysFor(repositoryId);
    this.keyId = keyId;
    this.deriveNanos = deriveNanos;
  }

  /**
   * Unlocks the repository of {@code objects}, the one the store recorded: lists its key objects
   * and opens the first that {@code passphrase} opens (two requests). The key objects are bound
   * to their repository id, so a swapped bucket opens with no key; only then is the config read,
   * to say why in one line.
   */
  static EncryptedLayout unlock(ObjectStore objects, Passphrase passphrase) throws RemoteException {
    RemoteSpec spec = objects.spec();
    String expected = spec.repository().orElseThrow();
    try {
      return open(objects, expected, passphrase);
    } catch (RemoteException e) {
      explainMismatch(objects, expected);
      throw e;
    }
  }

  /** Throws one line when the bucket does not hold repository {@code expected}; else returns. */
  private static void explainMismatch(ObjectStore objects, String expected) throws RemoteException {
    RemoteSpec spec = objects.spec();
    String where = "remote " + spec.name() + " (" + spec.url() + ")";
    Optional<byte[]> configBytes = objects.rawGet(RepositoryConfig.KEY);
    if (configBytes.isEmpty()) {
      throw new RemoteException(where + " holds no repository (" + RepositoryConfig.KEY + " is missing) but was added as encrypted"
          + " repository " + expected + ": a swapped or emptied bucket; remove the remote and add it again if that is intended");
    }
    RepositoryConfig config = RepositoryConfig.parse(spec.name(), configBytes.get());
    if (!"encrypted".equals(config.kind())) {
      throw new RemoteException(where + " now holds a plain repository, but was added as encrypted repository " + expected
          + ": refusing to downgrade; remove the remote and add it again if that is intended");
    }
    if (!config.repositoryId().equals(expected)) {
      throw new RemoteException(where + " holds repository " + config.repositoryId() + ", not " + expected + " that this store"
          + " added: a swapped bucket; remove the remote and add it again if that is intended");
    }
  }

  /** Opens repository {@code repositoryId} with the first of its key objects {@code passphrase} opens. */
  static EncryptedLayout open(ObjectStore objects, String repositoryId, Passphrase passphrase) throws RemoteException {
    RemoteSpec spec = objects.spec();
    String where = "remote " + spec.name() + " (" + spec.url() + ")";
    List<String> keyObjects = objects.rawListing(RepositoryConfig.KEYS).objects().stream().map(ObjectStore.Listed::key).toList();
    if (keyObjects.isEmpty()) {
      throw new RemoteException(where + " has no key object under " + RepositoryConfig.KEYS + ": nothing can unlock it");
    }
    byte[] secret;
    try {
      secret = passphrase.utf8();
    } catch (RemoteException e) {
      throw new RemoteException(where + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new RemoteException(where + ": cannot read the passphrase: " + e.getMessage(), e);
    }
    RepositoryKeys.warmUpInBackground();
    long deriving = 0;
    try {
      for (String key : keyObjects) {
        String id = key.substring(RepositoryConfig.KEYS.length());
        Optional<byte[]> bytes = objects.rawGet(key);
        if (bytes.isEmpty()) {
          continue; // removed since the listing
        }
        Optional<MasterKey> master;
        long start = System.nanoTime();
        try {
          master = KeyObject.open(bytes.get(), secret, repositoryId, id);
        } catch (IllegalArgumentException e) {
          continue; // damaged: another key may open the repository
        } finally {
          deriving += System.nanoTime() - start;
        }
        if (master.isPresent()) {
          return new EncryptedLayout(spec.name(), master.get(), repositoryId, id, deriving);
        }
      }
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
    throw new RemoteException(where + ": wrong passphrase: it opens none of the " + keyObjects.size() + " keys of repository "
        + repositoryId);
  }

  long deriveNanos() {
    return deriveNanos;
  }

  MasterKey master() {
    return master;
  }

  /** The key object the passphrase opened. */
  String keyId() {
    return keyId;
  }

  String repositoryId() {
    return keys.repositoryId();
  }

  @Override
  public String root() {
    return ROOT;
  }

  @Override
  public String blob(BlobId id) {
    return "blobs/" + keys.name("blob", id.toBytes());
  }

  @Override
  public String manifest(BlobId id) {
    return "manifests/" + keys.name("manifest", id.toBytes());
  }

  @Override
  public String segment(byte[] body) {
    return "runs/" + keys.name("segment", HashedBytes.sha256(body));
  }

  @Override
  public byte[] seal(String name, byte[] body) {
    return contentAddressed(name) ? keys.sealContent(name, body) : keys.sealRandom(name, body);
  }

  @Override
  public byte[] open(String name, byte[] stored) throws RemoteException {
    try {
      return keys.open(name, stored);
    } catch (AEADBadTagException e) {
      throw new ObjectAuthenticationException(remote, ROOT + name);
    }
  }

  /** Blobs and manifests: the same content under the same name must be the same bytes. */
  private static boolean contentAddressed(String name) {
    return name.startsWith("blobs/") || name.startsWith("manifests/");
  }
}
