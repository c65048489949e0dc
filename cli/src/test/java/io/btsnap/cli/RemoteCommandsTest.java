package io.btsnap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.btsnap.remote.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** remote, push, pull and ls --remote through the real CLI against a real S3 API server. */
class RemoteCommandsTest {
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

  private Cli store(String name, String bucket) {
    Cli cli = new Cli(tmp.resolve(name));
    Cli.Result added = cli.run("remote", "add", "shared", "s3://" + bucket + "/team", "--endpoint", server.endpoint.toString(),
        "--path-style");
    assertThat(added.code()).as(added.err()).isZero();
    return cli;
  }

  @Test
  void twoWorkersPushAndAThirdStorePullsWhatItAsksFor() throws Exception {
    server.createBucket("grid");
    Path project = Files.createDirectories(tmp.resolve("proj"));
    Files.writeString(project.resolve("pyproject.toml"), "");
    Files.writeString(project.resolve("risk.py"), "LIMIT = 1\n");
    Path entry = Files.writeString(project.resolve("main.py"), "import risk\n");
    Cli one = store("one", "grid");
    Cli two = store("two", "grid");
    for (int i = 0; i < 5; i++) {
      assertThat(one.run("capture", entry.toString(), "--mode", "imports", "--sweep", "a", "-p", "i=" + i).code()).isZero();
      assertThat(two.run("capture", entry.toString(), "--mode", "imports", "--sweep", "b", "-p", "i=" + i).code()).isZero();
    }
    Cli.Result pushed = one.run("push", "--all");
    assertThat(pushed.code()).as(pushed.err()).isZero();
    assertThat(pushed.out()).startsWith("pushed 5 runs to shared: 2 blobs (");
    @SuppressWarnings("unchecked")
    Map<String, Object> second = (Map<String, Object>) two.run("push", "--all", "--json").json();
    assertThat(second.get("blobs")).isEqualTo(0L);
    assertThat((List<?>) second.get("runs")).hasSize(5);
    assertThat(one.run("push", "--all").out()).startsWith("pushed 0 runs to shared: 0 blobs");

    Cli three = store("three", "grid");
    assertThat(three.run("ls", "--remote", "shared", "--label", "sweep=b").out().lines().count()).isEqualTo(6);
    Cli.Result pulled = three.run("pull", "--label", "sweep=b");
    assertThat(pulled.code()).as(pulled.err()).isZero();
    assertThat(pulled.out()).startsWith("pulled 5 runs from shared: 2 blobs");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> runs = (List<Map<String, Object>>) three.run("ls", "--json").json();
    assertThat(runs).hasSize(5).allSatisfy(r -> assertThat(r.get("labels")).isEqualTo(Map.of("sweep", "b")));
    String id = (String) runs.get(0).get("id");
    assertThat(three.run("cat", id, "risk.py").out()).isEqualTo("LIMIT = 1\n");
    assertThat(three.run("pull", "--all").out()).startsWith("pulled 5 runs from shared: 0 blobs");
    assertThat(three.run("store", "verify").code()).isZero();
  }

  @Test
  void badRemoteCommandsAreOneLine() {
    Cli cli = new Cli(tmp.resolve("s"));
    assertThat(cli.run("remote", "add", "x", "https://bucket").err())
        .isEqualTo("btsnap: a remote is s3://BUCKET[/PREFIX], not 'https://bucket' (see 'btsnap remote add --help')\n");
    assertThat(cli.run("store", "init").code()).isZero();
    assertThat(cli.run("push", "--all").err()).startsWith("btsnap: no remote: add one with 'btsnap remote add");
    Cli.Result missing = cli.run("remote", "add", "gone", "s3://no-such-bucket", "--endpoint", server.endpoint.toString(), "--path-style");
    assertThat(missing.code()).isZero();
    Cli.Result ls = cli.run("ls", "--remote", "gone");
    assertThat(ls.code()).isEqualTo(1);
    assertThat(ls.err()).isEqualTo("btsnap: remote gone (s3://no-such-bucket/): cannot list runs/: bucket no-such-bucket does not exist\n");
    assertThat(cli.run("push").code()).isEqualTo(2);
    assertThat(cli.run("remote", "ls").out()).startsWith("gone\ts3://no-such-bucket/");
    assertThat(cli.run("remote", "rm", "gone").code()).isZero();
    assertThat(cli.run("remote", "rm", "gone").err()).isEqualTo("btsnap: no remote named gone\n");
  }
}
