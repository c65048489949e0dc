package io.btsnap.cli;

import io.btsnap.remote.S3ProxyServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A test class's own S3Proxy, with the SDK pointed at its credentials, for the CLI's remote tests. */
abstract class WithS3Proxy {
  static S3ProxyServer server;
  @TempDir static Path serverDir;
  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    server = S3ProxyServer.start(serverDir);
    System.setProperty("aws.accessKeyId", S3ProxyServer.IDENTITY);
    System.setProperty("aws.secretAccessKey", S3ProxyServer.CREDENTIAL);
  }

  @AfterAll
  static void stop() {
    server.close();
  }
}
