package io.btsnap.remote;

import io.btsnap.remote.crypto.Argon2id;
import io.btsnap.remote.crypto.KeyObject;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The key objects of an encrypted remote: each wraps the one master key with one passphrase.
 * Adding a key lets another passphrase unlock the repository; removing one stops that
 * passphrase from unlocking it, but does not revoke anyone who already unlocked it: they know
 * the master key, and every object stays sealed under keys derived from it.
 */
public final class Keyring {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ObjectStore objects;

  Keyring(ObjectStore objects) {
    this.objects = objects;
  }

  /**
   * One key object.
   *
   * @param id its full id (the object's name)
   * @param created when the server wrote it
   * @param current whether it is the key this process's passphrase opened
   */
  public record Key(String id, Instant created, boolean current) {
    /** The first 8 hex digits, as {@code remote key list} shows it and {@code remove} takes it. */
    public String shortId() {
      return id.substring(0, Math.min(8, id.length()));
    }
  }

  /** Lists the keys, unlocking the repository first (so a listing proves the passphrase). */
  public List<Key> list() throws RemoteException {
    EncryptedLayout layout = unlocked();
    return objects.rawListing(RepositoryConfig.KEYS).objects().stream()
        .map(o -> new Key(o.key().substring(RepositoryConfig.KEYS.length()), o.modified(),
            o.key().endsWith("/" + layout.keyId())))
        .toList();
  }

  /** Adds a key for {@code newPassphrase}; returns it. */
  public Key add(Passphrase newPassphrase) throws IOException {
    return add(newPassphrase, Argon2id.withNewSalt(RANDOM));
  }

  Key add(Passphrase newPassphrase, Argon2id kdf) throws IOException {
    EncryptedLayout layout = unlocked();
    String id = RepositorySetup.newId(8);
    byte[] secret = newPassphrase.utf8();
    try {
      objects.rawPutIfAbsent(RepositoryConfig.KEYS + id, KeyObject.create(layout.master(), secret, kdf, layout.repositoryId(), id,
          RANDOM));
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
    return new Key(id, Instant.now(), false);
  }

  /**
   * Removes the key whose id starts with {@code idPrefix}. Refuses the last key, the key this
   * passphrase opened (remove it with another key's passphrase) and a prefix naming no key or two.
   */
  public Key remove(String idPrefix) throws RemoteException {
    String name = objects.spec().name();
    List<Key> keys = list();
    List<Key> matching = keys.stream().filter(k -> k.id().startsWith(idPrefix)).toList();
    if (idPrefix.isEmpty() || matching.isEmpty()) {
      throw new RemoteException("remote " + name + " has no key " + idPrefix + ": see 'btsnap remote key list " + name + "'");
    }
    if (matching.size() > 1) {
      throw new RemoteException("key " + idPrefix + " of remote " + name + " is ambiguous: give more of its id");
    }
    Key key = matching.get(0);
    if (keys.size() == 1) {
      throw new RemoteException("key " + key.shortId() + " is the last key of remote " + name + ": removing it would lock"
          + " everyone out; add another first");
    }
    if (key.current()) {
      throw new RemoteException("key " + key.shortId() + " is the one this passphrase opened: remove it with another key's"
          + " passphrase");
    }
    objects.rawDelete(RepositoryConfig.KEYS + key.id());
    return key;
  }

  private EncryptedLayout unlocked() throws RemoteException {
    if (!(objects.layout() instanceof EncryptedLayout layout)) {
      throw new RemoteException("remote " + objects.spec().name() + " is plain: it has no keys");
    }
    return layout;
  }
}
