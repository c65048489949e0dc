package io.btsnap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Secrets and accidental giants, through the real command: refused before anything is written
 * when a glob or import analysis selects them, taken with a warning (secrets) or silently (large
 * files) when listed exactly.
 */
class SafeDefaultsTest {
  @TempDir Path tmp;
  Path project;
  Path store;

  @BeforeEach
  void setUp() throws Exception {
    project = Files.createDirectories(tmp.resolve("proj"));
    store = tmp.resolve("store");
    Files.writeString(project.resolve("main.py"), "x = 1\n");
  }

  private Cli.Result capture(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("--store", store.toString(), "capture"));
    all.addAll(List.of(args));
    return Cli.runRaw(all.toArray(String[]::new));
  }

  private Path yaml(String text) throws Exception {
    return Files.writeString(project.resolve("strategy.yaml"), text);
  }

  static Stream<String> secretNames() {
    return Stream.of(".env", ".env.production", "server.pem", "api.key", "id_rsa", "id_ed25519", ".netrc",
        "credentials.json", "cert.p12");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("secretNames")
  void aSecretByNameIsRefusedThroughAGlobAndTakenWithAWarningWhenListed(String name) throws Exception {
    Files.writeString(project.resolve(name), "harmless = 1\n");
    Cli.Result refused = capture("--config", yaml("files:\n  - '*'\n").toString());
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err().strip()).startsWith("btsnap: " + name + " looks like a secret (name ")
        .contains("nothing captured").contains(".btsnapignore").contains("list it exactly").doesNotContain("\n");
    assertThat(store).as("nothing written").doesNotExist();

    Cli.Result listed = capture("--config", yaml("files:\n  - main.py\n  - '" + name + "'\n").toString(), "--json");
    assertThat(listed.code()).as(listed.err()).isZero();
    assertThat(listed.err()).contains("btsnap: warning: capturing " + name + ", which looks like a secret");
    assertThat(((Map<?, ?>) listed.json()).get("warnings").toString()).contains(name);
  }

  static Stream<Arguments> secretContents() {
    return Stream.of(
        Arguments.of("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\n", "a private key block"),
        Arguments.of("k = '''-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn'''\n", "a private key block"),
        Arguments.of("AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE'\n", "an AWS access key id"),
        Arguments.of("token = 'ghp_" + "a".repeat(36) + "'\n", "a GitHub token"),
        Arguments.of("SLACK = 'xoxb-1234567890-abcdefghij'\n", "a Slack token"),
        Arguments.of("key = 'AIza" + "B".repeat(35) + "'\n", "a Google API key"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("secretContents")
  void aSecretByContentIsRefusedThroughImportAnalysisAndGlobs(String content, String rule) throws Exception {
    Files.writeString(project.resolve("main.py"), "import settings\n");
    Files.writeString(project.resolve("settings.py"), content);
    Cli.Result imported = capture(project.resolve("main.py").toString(), "--mode", "imports");
    assertThat(imported.code()).isEqualTo(1);
    assertThat(imported.err()).startsWith("btsnap: settings.py looks like a secret (content: " + rule + ")");
    assertThat(store).doesNotExist();

    Cli.Result globbed = capture("--config", yaml("files:\n  - '*.py'\n").toString(), "--dry-run");
    assertThat(globbed.code()).as("a dry run refuses what the capture would").isEqualTo(1);
    assertThat(globbed.err()).contains("content: " + rule);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "-----BEGIN PUBLIC KEY-----\nMIIB\n", "# AKIA is how AWS key ids start\n", "ghp_short = 1\n", "xoxo = 'hugs'\n"})
  void lookalikesAreNotSecrets(String content) throws Exception {
    Files.writeString(project.resolve("main.py"), "import settings\n");
    Files.writeString(project.resolve("settings.py"), content);
    Cli.Result r = capture(project.resolve("main.py").toString(), "--mode", "imports");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
  }

  @Test
  void verifySecretsListsTheRunsThatHoldOne() throws Exception {
    Files.writeString(project.resolve(".env"), "KEY=1\n");
    yaml("files:\n  - main.py\n  - .env\n");
    assertThat(capture("--config", project.resolve("strategy.yaml").toString()).code()).isZero();
    assertThat(capture("--config", project.resolve("strategy.yaml").toString()).code()).isZero();
    Cli.Result clean = Cli.runRaw("--store", store.toString(), "store", "verify");
    assertThat(clean.code()).as("without --secrets, blobs are not read for credentials").isZero();

    Cli.Result r = Cli.runRaw("--store", store.toString(), "store", "verify", "--secrets");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).containsPattern("secret: \\.env \\(name \\.env\\*\\) in 2 runs: \\d{8}-\\d{6}-\\w{6}, \\d{8}");
    assertThat(r.err()).contains("0 problems and 1 secret");
  }

  @Test
  void aGlobSelectingTooManyFilesIsRefusedNamingTheCountAndTheOption() throws Exception {
    Path many = Files.createDirectories(project.resolve("gen"));
    for (int i = 0; i < 2001; i++) {
      Files.writeString(many.resolve("m" + i + ".py"), "");
    }
    Path config = yaml("files:\n  - '**/*.py'\n");
    Cli.Result refused = capture("--config", config.toString());
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("its globs select 2,002 files, over the limit of 2,000 (--max-files)");
    assertThat(store).doesNotExist();
    Cli.Result allowed = capture("--config", config.toString(), "--max-files", "3000", "--dry-run");
    assertThat(allowed.code()).as(allowed.err()).isZero();
  }

  @Test
  void aLargeFileIsRefusedThroughAGlobAndTakenWhenListed() throws Exception {
    Files.createDirectories(project.resolve("data"));
    Files.write(project.resolve("data/prices.csv"), new byte[11 << 20]);
    Cli.Result refused = capture("--config", yaml("files:\n  - main.py\n  - 'data/*.csv'\n").toString());
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("data/prices.csv is 11M, over the limit of 10M (--max-file-size)");
    assertThat(store).doesNotExist();

    Cli.Result listed = capture("--config", yaml("files:\n  - main.py\n  - data/prices.csv\n").toString(), "--json");
    assertThat(listed.code()).as(listed.err()).isZero();
    assertThat(listed.out()).contains("\"path\": \"data/prices.csv\"");
  }

  @Test
  void verifyReportsAStoreOthersCanReadAndChmodPrivateFixesIt() throws Exception {
    assertThat(capture(project.resolve("main.py").toString()).code()).isZero();
    Files.setPosixFilePermissions(store.resolve("blobs"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Cli.Result open = Cli.runRaw("--store", store.toString(), "store", "verify");
    assertThat(open.code()).isEqualTo(1);
    assertThat(open.out()).contains("can be read by other users (e.g. blobs rwxr-xr-x): run 'btsnap store chmod --private'");

    Cli.Result fixed = Cli.runRaw("--store", store.toString(), "store", "chmod", "--private");
    assertThat(fixed.code()).as(fixed.err()).isZero();
    assertThat(fixed.out()).contains("1 file or folder changed");
    assertThat(Cli.runRaw("--store", store.toString(), "store", "verify").code()).isZero();
    assertThat(Cli.runRaw("--store", store.toString(), "store", "chmod").code()).as("no mode named").isEqualTo(2);
  }
}
