package io.btsnap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Encrypted remotes through the real CLI against a real S3 API server: add, keys, push, pull, verify. */
class EncryptedRemoteCommandsTest extends WithS3Proxy {
  static final String PASSPHRASE = "plum-orbit-canal-1729";

  private Cli cli(String store) {
    return new Cli(tmp.resolve(store)).withEnvironment(Map.of("BTSNAP_REMOTE_PASSWORD", PASSPHRASE));
  }

  private Cli.Result add(Cli cli, String bucket, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("remote", "add", "shared", "s3://" + bucket + "/team", "--endpoint",
        server.endpoint.toString(), "--path-style"));
    args.addAll(List.of(more));
    return cli.run(args.toArray(String[]::new));
  }

  private Path project() throws Exception {
    Path project = Files.createDirectories(tmp.resolve("proj"));
    Files.writeString(project.resolve("pyproject.toml"), "");
    Files.writeString(project.resolve("risk.py"), "LIMIT = 1\n");
    return Files.writeString(project.resolve("main.py"), "import risk\n");
  }

  private static void assertNoPassphrase(Cli.Result r) {
    assertThat(r.out() + r.err()).doesNotContain(PASSPHRASE);
  }

  @Test
  void anEncryptedRemoteIsCreatedOpenedPushedPulledAndListedWithItsKind() throws Exception {
    server.createBucket("enc");
    Path entry = project();
    Cli one = cli("one");
    Cli.Result added = add(one, "enc");
    assertThat(added.code()).as(added.err()).isZero();
    assertThat(added.out()).startsWith("added remote shared s3://enc/team (new encrypted repository ");
    assertThat(one.run("remote", "ls").out()).startsWith("shared\ts3://enc/team\tencrypted\t");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> listed = (List<Map<String, Object>>) one.run("remote", "ls", "--json").json();
    assertThat(listed).singleElement().satisfies(r -> {
      assertThat(r.get("kind")).isEqualTo("encrypted");
      assertThat((String) r.get("repository")).hasSize(32);
    });
    for (int i = 0; i < 4; i++) {
      assertThat(one.run("capture", entry.toString(), "--mode", "imports", "--sweep", "a", "-p", "i=" + i).code()).isZero();
    }
    Cli.Result pushed = one.run("push", "--all");
    assertThat(pushed.code()).as(pushed.err()).isZero();
    assertThat(pushed.out()).startsWith("pushed 4 runs to shared: 2 blobs (");
    assertThat(one.run("capture", entry.toString(), "--mode", "imports", "--sweep", "a", "-p", "i=4").code()).isZero();
    @SuppressWarnings("unchecked")
    Map<String, Object> next = (Map<String, Object>) one.run("push", "latest", "--json").json();
    assertThat((Long) next.get("unlockMs")).as("argon2id ran in this process").isPositive();
    // The plain push's four (lease, gc/ listing, segment, lease deleted) and the unlock's two:
    // the key objects listed, the one the passphrase opens read.
    assertThat(next.get("requests")).isEqualTo(6L);

    // A second store opens it with the passphrase from a file; a wrong one records nothing.
    Path wrong = Files.writeString(tmp.resolve("wrong.pass"), "not it\n");
    Cli two = new Cli(tmp.resolve("two"));
    Cli.Result refused = add(two, "enc", "--password-file", wrong.toString());
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).startsWith("btsnap: remote shared (s3://enc/team): wrong passphrase").endsWith("\n");
    assertThat(refused.err().lines().count()).isEqualTo(1);
    assertThat(two.run("remote", "ls").out()).isEmpty();
    Path right = Files.writeString(tmp.resolve("right.pass"), PASSPHRASE + "\n");
    Cli.Result opened = add(two, "enc", "--password-file", right.toString());
    assertThat(opened.code()).as(opened.err()).isZero();
    assertThat(opened.out()).startsWith("added remote shared s3://enc/team (encrypted repository ");
    Cli.Result noPassphrase = two.run("pull", "--all");
    assertThat(noPassphrase.code()).isEqualTo(1);
    assertThat(noPassphrase.err()).contains("give its passphrase with --password-file").hasLineCount(1);
    Cli.Result pulled = two.run("pull", "--all", "--password-command", "cat " + right);
    assertThat(pulled.code()).as(pulled.err()).isZero();
    assertThat(pulled.out()).startsWith("pulled 5 runs from shared: 2 blobs");
    String id = ((String) ((Map<?, ?>) ((List<?>) two.run("ls", "--json").json()).get(0)).get("id"));
    assertThat(two.run("cat", id, "risk.py").out()).isEqualTo("LIMIT = 1\n");
    assertThat(cli("two").run("ls", "--remote", "shared", "--label", "sweep=a").out().lines().count()).isEqualTo(6);
    assertThat(cli("two").run("remote", "verify", "--read-data").out()).isEqualTo("ok: 5 runs, 1 manifest, 2 blobs, every blob re-hashed\n");
    assertThat(Files.readString(tmp.resolve("one").resolve("remotes.json"))).doesNotContain(PASSPHRASE).contains("\"encrypted\"");
    for (Cli.Result r : List.of(added, pushed, refused, opened, pulled)) {
      assertNoPassphrase(r);
    }
  }

  @Test
  void keysAreAddedListedAndRemovedButNeverTheLast() throws Exception {
    server.createBucket("keys");
    Cli one = cli("one");
    assertThat(add(one, "keys").code()).isZero();
    Path second = Files.writeString(tmp.resolve("second.pass"), "second passphrase\n");
    Cli.Result added = one.run("remote", "key", "add", "shared", "--new-password-file", second.toString());
    assertThat(added.code()).as(added.err()).isZero();
    String newKey = added.out().strip().substring("added key ".length());
    List<String> keys = one.run("remote", "key", "list", "shared").out().lines().toList();
    assertThat(keys).hasSize(2).anySatisfy(l -> assertThat(l).startsWith("* ")).anySatisfy(l -> assertThat(l).startsWith("  " + newKey));
    String first = keys.stream().filter(l -> l.startsWith("* ")).findFirst().orElseThrow().substring(2, 10);
    Cli.Result own = one.run("remote", "key", "remove", "shared", first);
    assertThat(own.code()).isEqualTo(1);
    assertThat(own.err()).contains("is the one this passphrase opened");
    Cli bySecond = new Cli(tmp.resolve("one"));
    Cli.Result removed = bySecond.run("remote", "key", "remove", "shared", first, "--password-file", second.toString());
    assertThat(removed.code()).as(removed.err()).isZero();
    Cli.Result last = bySecond.run("remote", "key", "remove", "shared", newKey, "--password-file", second.toString());
    assertThat(last.code()).isEqualTo(1);
    assertThat(last.err()).contains("is the last key of remote shared");
    Cli.Result old = one.run("remote", "key", "list", "shared");
    assertThat(old.code()).isEqualTo(1);
    assertThat(old.err()).contains("wrong passphrase").hasLineCount(1);
    assertNoPassphrase(old);
  }

  @Test
  void aFlippedByteIsRefusedByPullAndVerifyByTheBlobsHash() throws Exception {
    server.createBucket("flip");
    Path entry = project();
    Cli one = cli("one");
    assertThat(add(one, "flip").code()).isZero();
    assertThat(one.run("capture", entry.toString(), "--mode", "imports").code()).isZero();
    assertThat(one.run("push", "--all").code()).isZero();
    List<Path> blobs;
    try (Stream<Path> files = Files.walk(server.data.resolve("flip").resolve("team/btsnap/blobs"))) {
      blobs = files.filter(Files::isRegularFile).toList();
    }
    assertThat(blobs).hasSize(2);
    byte[] body = Files.readAllBytes(blobs.get(0));
    body[body.length / 2] ^= 1;
    Files.write(blobs.get(0), body);
    Cli.Result verify = one.run("remote", "verify", "--read-data");
    assertThat(verify.code()).isEqualTo(1);
    assertThat(verify.out()).matches("blob [0-9a-f]{64} \\(btsnap/blobs/[0-9a-f]{64}\\) failed authentication: damaged, tampered with or swapped\n");
    String hash = verify.out().substring(5, 69);
    assertThat(hash).isIn(hashesOf(one));
    Cli two = cli("two");
    assertThat(add(two, "flip").code()).isZero();
    Cli.Result pulled = two.run("pull", "--all");
    assertThat(pulled.code()).isEqualTo(1);
    assertThat(pulled.err()).contains("blob " + hash).contains("failed authentication").hasLineCount(1);
    assertThat(two.run("ls").out()).isEmpty();
  }

  private static List<String> hashesOf(Cli cli) {
    String id = (String) ((Map<?, ?>) ((List<?>) cli.run("ls", "--json").json()).get(0)).get("id");
    Map<?, ?> shown = (Map<?, ?>) cli.run("show", id, "--json").json();
    return ((List<?>) shown.get("files")).stream().map(f -> (String) ((Map<?, ?>) f).get("hash")).toList();
  }

  @Test
  void aPlainPrefixIsRefusedAsEncryptedAndAddedPlainOnRequest() throws Exception {
    server.createBucket("plainside");
    Cli one = cli("one");
    assertThat(add(one, "plainside", "--no-encryption").out()).contains("(plain)");
    Cli two = cli("two");
    Cli.Result refused = add(two, "plainside");
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("holds a plain repository: add it with --no-encryption").hasLineCount(1);
    assertThat(two.run("remote", "ls").out()).isEmpty();
  }
}
