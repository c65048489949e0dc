package io.btsnap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.btsnap.remote.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** remote, push, pull and ls --remote through the real CLI against a real S3 API server. */
class RemoteCommandsTest extends WithS3Proxy {
  private Cli store(String name, String bucket) {
    Cli cli = new Cli(tmp.resolve(name));
    // These cases are of a plain remote; EncryptedRemoteCommandsTest has the encrypted ones.
    Cli.Result added = cli.run("remote", "add", "shared", "s3://" + bucket + "/team", "--endpoint", server.endpoint.toString(),
        "--path-style", "--no-encryption");
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
    // remote add is online: it looks at the bucket before the store records anything.
    Cli.Result missing = cli.run("remote", "add", "gone", "s3://no-such-bucket", "--endpoint", server.endpoint.toString(), "--path-style",
        "--no-encryption");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo(
        "btsnap: remote gone (s3://no-such-bucket/): cannot read btsnap/config: bucket no-such-bucket does not exist\n");
    assertThat(cli.run("remote", "ls").out()).isEmpty();
    server.createBucket("there");
    assertThat(cli.run("remote", "add", "gone", "s3://there", "--endpoint", server.endpoint.toString(), "--path-style",
        "--no-encryption").code()).isZero();
    Cli.Result ls = cli.run("ls", "--remote", "gone");
    assertThat(ls.code()).as(ls.err()).isZero();
    assertThat(cli.run("push").code()).isEqualTo(2);
    assertThat(cli.run("remote", "ls").out()).startsWith("gone\ts3://there/\tplain");
    assertThat(cli.run("remote", "rm", "gone").code()).isZero();
    assertThat(cli.run("remote", "rm", "gone").err()).isEqualTo("btsnap: no remote named gone\n");
  }

  private Path project(String name) throws Exception {
    Path project = Files.createDirectories(tmp.resolve(name));
    Files.writeString(project.resolve("pyproject.toml"), "");
    Files.writeString(project.resolve("risk.py"), "LIMIT = 1\n");
    return Files.writeString(project.resolve("main.py"), "import risk\n");
  }

  @Test
  void captureCanPushAndVerifyReadsEveryByte() throws Exception {
    server.createBucket("verified");
    Path entry = project("p");
    Cli cli = store("s", "verified");
    Cli.Result captured = cli.run("capture", entry.toString(), "--mode", "imports", "--push", "shared");
    assertThat(captured.code()).as(captured.err()).isZero();
    String id = captured.out().strip();
    assertThat(cli.run("ls", "--remote", "shared").out()).contains(id);
    assertThat(cli.run("remote", "verify", "--read-data").out()).isEqualTo("ok: 1 run, 1 manifest, 2 blobs, every blob re-hashed\n");
    for (int i = 0; i < 5; i++) {
      assertThat(cli.run("capture", entry.toString(), "--mode", "imports", "--push", "shared", "-p", "i=" + i).code()).isZero();
    }
    String next = cli.run("capture", entry.toString(), "--mode", "imports", "-p", "i=last").out().strip();
    @SuppressWarnings("unchecked")
    Map<String, Object> push = (Map<String, Object>) cli.run("push", next, "--json").json();
    // A grid that pushes each capture must not read every earlier segment nor list every blob on
    // each push: the lease written and deleted, a listing of gc/, and the new segment.
    assertThat(push.get("requests")).isEqualTo(4L);
    assertThat(push.get("unlockMs")).as("a plain remote unlocks nothing").isEqualTo(0L);
    assertThat(cli.run("ls", "--remote", "shared", "--json").out().lines().filter(l -> l.startsWith("{")).count()).isEqualTo(7);

    Path blob;
    try (java.util.stream.Stream<Path> files = Files.walk(server.data.resolve("verified"))) {
      blob = files.filter(p -> p.toString().contains("/blobs/") && Files.isRegularFile(p)).findFirst().orElseThrow();
    }
    Files.write(blob, new byte[] {'x'});
    assertThat(cli.run("remote", "verify").code()).as("present, not read").isZero();
    Cli.Result deep = cli.run("remote", "verify", "--read-data");
    assertThat(deep.code()).isEqualTo(1);
    assertThat(deep.out()).contains("does not hash to its name");
    assertThat(deep.err()).isEqualTo("btsnap: remote verify found 1 problem\n");
    Cli.Result noRemote = cli.run("capture", entry.toString(), "--push", "elsewhere");
    assertThat(noRemote.code()).isEqualTo(1);
    assertThat(noRemote.err()).startsWith("btsnap: captured ").contains("but the push to elsewhere failed: no remote named elsewhere");
  }

  @Test
  void theServerStoppedMidwayIsOneLineAndAPushAgainCompletes() throws Exception {
    server.createBucket("outage");
    Path entry = project("p");
    Cli cli = store("s", "outage");
    for (int i = 0; i < 3; i++) {
      Files.writeString(entry.resolveSibling("risk.py"), "LIMIT = " + i + "\n");
      cli.run("capture", entry.toString(), "--mode", "imports");
    }
    Cli other = store("o", "outage"); // added while the server is up: remote add looks at the bucket
    server.stop();
    try {
      Cli.Result down = cli.run("push", "--all");
      assertThat(down.code()).isEqualTo(1);
      assertThat(down.err().lines().count()).isEqualTo(1);
      assertThat(down.err()).startsWith("btsnap: remote shared (s3://outage/team): cannot ").contains("cannot reach " + server.endpoint);
      assertThat(other.run("pull", "--all").code()).isEqualTo(1);
      assertThat(other.run("ls", "--json").out().strip()).isIn("[]", "[\n]");
    } finally {
      server.restart();
    }
    assertThat(cli.run("push", "--all").out()).startsWith("pushed 3 runs to shared");
    assertThat(cli.run("remote", "verify", "--read-data").code()).isZero();
  }

  @Test
  void pushKilledTwentyTimesThenPushedAgainLeavesEveryRunOnceAndEveryByteRight() throws Exception {
    server.createBucket("killed");
    Path entry = project("p");
    Cli cli = store("s", "killed");
    for (int i = 0; i < 40; i++) {
      Files.writeString(entry.resolveSibling("risk.py"), "LIMIT = " + i + "\n" + "# padding\n".repeat(i * 50));
      assertThat(cli.run("capture", entry.toString(), "--mode", "imports", "-p", "i=" + i).code()).isZero();
    }
    long seed = System.nanoTime();
    java.util.Random random = new java.util.Random(seed);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (int round = 0; round < 20; round++) {
      ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
          "--store", tmp.resolve("s").toString(), "push", "--all").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      builder.environment().put("AWS_ACCESS_KEY_ID", S3ProxyServer.IDENTITY);
      builder.environment().put("AWS_SECRET_ACCESS_KEY", S3ProxyServer.CREDENTIAL);
      Process push = builder.start();
      Thread.sleep(200 + random.nextInt(1200));
      push.destroyForcibly();
      push.waitFor();
    }
    System.out.println("push kill test: seed " + seed);
    Cli.Result last = cli.run("push", "--all");
    assertThat(last.code()).as(last.err()).isZero();
    assertThat(cli.run("remote", "verify", "--read-data").code()).isZero();
    List<String> ids = new java.util.ArrayList<>();
    try (java.util.stream.Stream<Path> files = Files.walk(server.data.resolve("killed"))) {
      for (Path segment : files.filter(p -> p.toString().contains("/runs/") && Files.isRegularFile(p)).toList()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) io.btsnap.json.JsonReader.parse(Files.readString(segment));
        for (Object run : (List<?>) json.get("runs")) {
          ids.add((String) ((Map<?, ?>) run).get("id"));
        }
      }
    }
    assertThat(ids).hasSize(40).doesNotHaveDuplicates();
  }

  @Test
  void aTerminalSeesProgressAndAPipeDoesNot() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs script(1) for a terminal");
    server.createBucket("progress");
    Path entry = project("p");
    Cli cli = store("s", "progress");
    assertThat(cli.run("capture", entry.toString(), "--mode", "imports").code()).isZero();
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command = "'" + javaBin + "' -cp '" + System.getProperty("java.class.path") + "' " + Main.class.getName()
        + " --store '" + tmp.resolve("s") + "' push --all";
    ProcessBuilder builder = new ProcessBuilder("/usr/bin/script", "-qec", command, "/dev/null").redirectErrorStream(true);
    builder.environment().put("AWS_ACCESS_KEY_ID", S3ProxyServer.IDENTITY);
    builder.environment().put("AWS_SECRET_ACCESS_KEY", S3ProxyServer.CREDENTIAL);
    Process terminal = builder.start();
    String shown = new String(terminal.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(terminal.waitFor()).as(shown).isZero();
    assertThat(shown).contains("\rpushing blobs 2/2").contains("pushed 1 run to shared");
    assertThat(cli.run("capture", entry.toString(), "-p", "x=1").code()).isZero();
    Cli.Result piped = cli.run("push", "--all");
    assertThat(piped.err()).isEmpty();
    assertThat(piped.out()).doesNotContain("\r");
  }

  @Test
  @SuppressWarnings("unchecked")
  void remoteGcKeepsTheTopRunsOfEachSweepAndALaterGcDeletesTheRestsCode() throws Exception {
    server.createBucket("retain");
    Cli cli = store("r", "retain");
    Path project = Files.createDirectories(tmp.resolve("retain-code"));
    Files.writeString(project.resolve("pyproject.toml"), "");
    Path entry = Files.writeString(project.resolve("main.py"), "import risk\n");
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Files.writeString(project.resolve("risk.py"), "LIMIT = " + i + "\n");
      Cli.Result captured = cli.run("capture", entry.toString(), "--mode", "imports", "--sweep", i < 3 ? "a" : "b", "--json");
      assertThat(captured.code()).as(captured.err()).isZero();
      String id = (String) ((Map<String, Object>) captured.json()).get("id");
      ids.add(id);
      assertThat(cli.run("annotate", id, "sharpe=" + (i % 3)).code()).isZero();
    }
    assertThat(cli.run("push", "--all").code()).isZero();
    Thread.sleep(2200); // past the 1s margin, to the server's second

    Cli.Result dry = cli.run("remote", "gc", "--keep-top", "1", "--by", "sharpe", "--per", "sweep", "--margin", "1s", "--dry-run");
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out()).startsWith("shared: would drop 4 runs, would delete 0 objects (0B), would mark 8 objects");
    assertThat(dry.out()).contains("  run " + ids.get(0) + "  outside the top 1 by sharpe in sweep=a");
    Map<String, Object> first = (Map<String, Object>) cli.run("remote", "gc", "--keep-top", "1", "--by", "sharpe", "--per", "sweep",
        "--margin", "1s", "--json").json();
    assertThat((List<String>) first.get("runsDropped")).containsExactlyInAnyOrder(ids.get(0), ids.get(1), ids.get(3), ids.get(4));
    assertThat((List<String>) first.get("marked")).as("4 manifests and 4 versions of risk.py").hasSize(8);
    Cli.Result listed = cli.run("ls", "--remote", "shared", "--json");
    assertThat(((List<Map<String, Object>>) listed.json()).stream().map(r -> r.get("id")).toList())
        .containsExactlyInAnyOrder(ids.get(2), ids.get(5));

    Thread.sleep(2200);
    Map<String, Object> second = (Map<String, Object>) cli.run("remote", "gc", "--margin", "1s", "--json").json();
    assertThat((List<String>) second.get("deleted")).containsExactlyInAnyOrderElementsOf((List<String>) first.get("marked"));
    assertThat(cli.run("remote", "verify", "--read-data").out()).startsWith("ok: 2 runs, 2 manifests, 3 blobs");

    Thread.sleep(2200);
    Cli.Result pruned = cli.run("remote", "gc", "--margin", "1s", "--tombstone-expiry", "1s");
    assertThat(pruned.out()).as(pruned.err()).contains("  prune 2 tombstones older than 1s");
    assertThat(cli.run("remote", "gc", "--tombstone-expiry", "soon").code()).isEqualTo(2);

    Cli.Result noMetric = cli.run("remote", "gc", "--keep-top", "2");
    assertThat(noMetric.code()).isEqualTo(2);
    assertThat(noMetric.err()).contains("--keep-top needs --by METRIC");
    assertThat(cli.run("remote", "gc", "--sweep-limit", "1s").code()).isEqualTo(2);
    assertThat(cli.run("remote", "verify").code()).as("bad options changed nothing").isZero();
  }
}
