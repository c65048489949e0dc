package io.btsnap.remote;

import io.btsnap.remote.crypto.Argon2id;
import io.btsnap.remote.crypto.KeyObject;
import io.btsnap.remote.crypto.MasterKey;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What {@code remote add} does in the bucket: creates a repository where the prefix is empty,
 * or opens the one there, and returns the remote as the store records it (its kind and
 * repository id). An encrypted repository is created key object first, config last: a
 * repository without a config is none, and creating one again finds nothing in the way but
 * the orphan key object, which it reports.
 */
public final class RepositorySetup {
  private static final SecureRandom RANDOM = new SecureRandom();

  private RepositorySetup() {}

  /** What {@link #attach} found or made. */
  public record Attached(RemoteSpec spec, boolean created) {}

  /**
   * Creates or opens the repository of {@code spec}: encrypted unless {@code encrypt} is false.
   * A prefix holding a repository of the other kind is refused with one line. {@code passphrase}
   * opens a repository that is there; {@code newPassphrase} is read only to create one (a
   * terminal asks for it twice).
   */
  public static Attached attach(RemoteSpec spec, Credentials credentials, Passphrase passphrase, Passphrase newPassphrase,
      boolean encrypt) throws IOException {
    return attach(spec, credentials, passphrase, newPassphrase, encrypt, Argon2id.withNewSalt(RANDOM));
  }

  static Attached attach(RemoteSpec spec, Credentials credentials, Passphrase passphrase, boolean encrypt, Argon2id kdf)
      throws IOException {
    return attach(spec, credentials, passphrase, passphrase, encrypt, kdf);
  }

  static Attached attach(RemoteSpec spec, Credentials credentials, Passphrase passphrase, Passphrase newPassphrase,
      boolean encrypt, Argon2id kdf) throws IOException {
    String where = spec.url();
    try (ObjectStore objects = new ObjectStore(spec, credentials, Passphrase.NONE)) {
      Optional<byte[]> configBytes = objects.rawGet(RepositoryConfig.KEY);
      if (configBytes.isPresent()) {
        RepositoryConfig config = RepositoryConfig.parse(spec.name(), configBytes.get());
        if ("plain".equals(config.kind())) {
          if (encrypt) {
            throw new RemoteException(where + " holds a plain repository: add it with --no-encryption, or choose an empty"
                + " prefix for an encrypted one");
          }
          return new Attached(spec, false);
        }
        if (!encrypt) {
          throw new RemoteException(where + " holds an encrypted repository: add it without --no-encryption");
        }
        // Proves the passphrase before the store records the remote.
        EncryptedLayout.open(objects, config.repositoryId(), passphrase);
        return new Attached(spec.withRepository(config.repositoryId()), false);
      }
      boolean occupied = objects.rawHoldsAny("");
      if (!encrypt) {
        if (!occupied) {
          objects.rawPutIfAbsent(RepositoryConfig.KEY, new RepositoryConfig("plain", newId(16)).toBytes());
        }
        return new Attached(spec, !occupied);
      }
      if (occupied && objects.rawHoldsAny(RepositoryConfig.KEYS) && !objects.rawHoldsAny("blobs/") && !objects.rawHoldsAny("runs/")) {
        // Another client is creating a repository here (key object first, config last): open
        // theirs once it stands, as workers of one sweep adding the remote at once expect. A
        // creation that never finishes (its client died) is left behind, and ours goes ahead.
        Optional<Attached> theirs = awaitOther(spec, credentials, passphrase, newPassphrase, kdf);
        if (theirs.isPresent()) {
          return theirs.get();
        }
      } else if (occupied) {
        throw new RemoteException(where + " holds objects but no " + RepositoryConfig.KEY + " (a plain remote made before"
            + " encryption, or another tool's files): add it with --no-encryption, or choose an empty prefix for an encrypted one");
      }
      String repositoryId = newId(16);
      MasterKey master = MasterKey.generate(RANDOM);
      byte[] secret = newPassphrase.utf8();
      String keyId = newId(8);
      try {
        objects.rawPutIfAbsent(RepositoryConfig.KEYS + keyId, KeyObject.create(master, secret, kdf, repositoryId, keyId, RANDOM));
      } finally {
        Arrays.fill(secret, (byte) 0);
      }
      if (!objects.rawPutIfAbsent(RepositoryConfig.KEY, new RepositoryConfig("encrypted", repositoryId).toBytes())) {
        // The other client's repository stands; a key object of ours would be listed as its own.
        objects.rawDelete(RepositoryConfig.KEYS + keyId);
        return attach(spec, credentials, passphrase, newPassphrase, true, kdf);
      }
      return new Attached(spec.withRepository(repositoryId), true);
    }
  }

  /** Opens the repository another client is creating here, waiting a few seconds for its config. */
  private static Optional<Attached> awaitOther(RemoteSpec spec, Credentials credentials, Passphrase passphrase, Passphrase newPassphrase,
      Argon2id kdf) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (ObjectStore objects = new ObjectStore(spec, credentials, Passphrase.NONE)) {
        if (objects.rawGet(RepositoryConfig.KEY).isPresent()) {
          return Optional.of(attach(spec, credentials, passphrase, newPassphrase, true, kdf));
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return Optional.empty();
  }

  static String newId(int bytes) {
    byte[] id = new byte[bytes];
    RANDOM.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }
}
