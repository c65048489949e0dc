package io.btsnap.remote;

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

  /** A remote named "shared" on a new bucket, under {@code prefix}. */
  static RemoteSpec newRemote(String prefix) {
    String bucket = "b" + Long.toHexString(System.nanoTime());
    server.createBucket(bucket);
    return RemoteSpec.parse("shared", "s3://" + bucket + "/" + prefix, Optional.of(server.endpoint), Optional.empty(), true);
  }
}
