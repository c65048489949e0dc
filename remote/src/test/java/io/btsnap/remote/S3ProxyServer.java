package io.btsnap.remote;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server for the tests: S3Proxy with its filesystem backend and SigV4
 * authentication, a child process on 127.0.0.1 at a free port.
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String IDENTITY = "btsnap-test";
  public static final String CREDENTIAL = "btsnap-test-secret";

  public final URI endpoint;
  public final Path data;
  private final Path dir;
  private Process process;

  private S3ProxyServer(URI endpoint, Path data, Path dir, Process process) {
    this.endpoint = endpoint;
    this.data = data;
    this.dir = dir;
    this.process = process;
  }

  /** Stops the server, as a crash or an outage would: the next requests find nobody listening. */
  public void stop() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Starts it again on the same port and data. */
  public void restart() throws Exception {
    process = launch(dir, endpoint.getPort());
  }

  public static S3ProxyServer start(Path dir) throws Exception {
    String jar = System.getProperty("s3proxy.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("s3proxy.jar is not set to S3Proxy's jar: run the tests through Maven");
    }
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Path data = Files.createDirectories(dir.resolve("s3data"));
    Path properties = dir.resolve("s3proxy.properties");
    Files.writeString(properties, String.join("\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + IDENTITY,
        "s3proxy.credential=" + CREDENTIAL,
        "jclouds.provider=filesystem",
        "jclouds.filesystem.basedir=" + data,
        ""));
    return new S3ProxyServer(URI.create("http://127.0.0.1:" + port), data, dir, launch(dir, port));
  }

  private static Process launch(Path dir, int port) throws Exception {
    String jar = System.getProperty("s3proxy.jar");
    Path properties = dir.resolve("s3proxy.properties");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-Xmx256m", "-jar", jar, "--properties", properties.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("s3proxy.log").toFile())).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        break;
      } catch (IOException e) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException("S3Proxy did not start: " + Files.readString(dir.resolve("s3proxy.log")));
        }
        Thread.sleep(100);
      }
    }
    return process;
  }

  /** Creates {@code bucket} with the test's credentials. */
  public void createBucket(String bucket) {
    try (S3Client s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
        .forcePathStyle(true).endpointOverride(endpoint)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(IDENTITY, CREDENTIAL))).build()) {
      s3.createBucket(b -> b.bucket(bucket));
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
