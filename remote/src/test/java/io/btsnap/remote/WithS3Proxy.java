package io.btsnap.remote;

import io.btsnap.remote.crypto.Argon2id;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A test class's own S3Proxy, with the SDK pointed at its credentials, and a new bucket per remote. */
abstract class WithS3Proxy {
  static S3ProxyServer server;
  @TempDir static Path serverDir;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.start(serverDir);
    System.setProperty("aws.accessKeyId", S3ProxyServer.IDENTITY);
    System.setProperty("aws.secretAccessKey", S3ProxyServer.CREDENTIAL);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  /** The passphrase of the encrypted variants' remotes. */
  static final Passphrase PASSPHRASE = Passphrase.of("correct horse battery staple");
  /** Cheap argon2id parameters: the tests unlock many times; the format is the same. */
  static final Argon2id TEST_KDF = new Argon2id(8192, 1, 1, new byte[16]);

  /** Whether this class's remotes are encrypted repositories: the encrypted variants override it. */
  boolean encrypted() {
    return false;
  }

  /** A remote on a new bucket under {@code prefix}: plain, or a new encrypted repository. */
  RemoteSpec newSpec(String prefix) throws Exception {
    RemoteSpec spec = newRemote(prefix);
    return encrypted() ? RepositorySetup.attach(spec, Credentials.DEFAULT, PASSPHRASE, true, TEST_KDF).spec() : spec;
  }

  /** Opens {@code spec} with the passphrase when it is encrypted. */
  Remote open(RemoteSpec spec) {
    return Remote.open(spec, Credentials.DEFAULT, PASSPHRASE);
  }

  /** The object store of {@code spec}, unlocked with the passphrase when it is encrypted. */
  ObjectStore objects(RemoteSpec spec) {
    return new ObjectStore(spec, Credentials.DEFAULT, PASSPHRASE);
  }

  /** The file S3Proxy keeps object {@code name} of {@code spec} in. */
  Path file(RemoteSpec spec, String name) throws Exception {
    try (ObjectStore objects = objects(spec)) {
      return server.data.resolve(spec.bucket()).resolve(spec.prefix() + objects.layout().root() + name);
    }
  }

  /** A remote named "shared" on a new bucket, under {@code prefix}. */
  static RemoteSpec newRemote(String prefix) {
    String bucket = "b" + Long.toHexString(System.nanoTime());
    server.createBucket(bucket);
    return RemoteSpec.parse("shared", "s3://" + bucket + "/" + prefix, Optional.of(server.endpoint), Optional.empty(), true);
  }
}
