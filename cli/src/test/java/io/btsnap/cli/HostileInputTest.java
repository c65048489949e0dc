package io.btsnap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Input from somewhere else, through the real command line: exit 1, one clear line, nothing
 * stored, nothing written outside the store. And the unusual inputs that must simply work.
 */
class HostileInputTest {
  @TempDir Path tmp;
  Cli cli;
  Path project;

  @BeforeEach
  void setUp() throws Exception {
    cli = new Cli(tmp.resolve("store"));
    project = Files.createDirectories(tmp.resolve("proj"));
    Files.writeString(project.resolve("pyproject.toml"), "[project]\n");
    Files.writeString(project.resolve("s.py"), "x = 1\n");
    Files.writeString(tmp.resolve("outside.py"), "secret\n");
    assertThat(cli.run("capture", project.resolve("s.py").toString()).code()).isZero();
  }

  static Stream<Arguments> strategyFiles() {
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'k'; c++) {
      bomb.append(c).append(": &").append(c).append(" [").append(("*" + (char) (c - 1) + ",").repeat(8)).append('*').append((char) (c - 1)).append("]\n");
    }
    return Stream.of(
        Arguments.of("parent path", "files:\n  - s.py\n  - ../outside.py\n", "strategy.yaml:3: path '../outside.py' leaves the project root"),
        Arguments.of("absolute path", "files:\n  - /etc/passwd\n", "strategy.yaml:2: absolute path '/etc/passwd'"),
        Arguments.of("symlink leaving the root", "files:\n  - link.py\n", "strategy.yaml:2: listed file"),
        Arguments.of("alias bomb", bomb + "files:\n  - s.py\n", "Number of aliases"),
        Arguments.of("class tag", "files: !!java.util.ArrayList [s.py]\n", "Global tag is not allowed"),
        Arguments.of("malformed", "files:\n  - s.py\n - x\n", "strategy.yaml:3:"),
        Arguments.of("unknown key", "file:\n  - s.py\n", "unknown key 'file'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strategyFiles")
  void hostileStrategyFileIsRefused(String name, String yaml, String message) throws Exception {
    Files.createSymbolicLink(project.resolve("link.py"), tmp.resolve("outside.py"));
    Files.writeString(project.resolve("strategy.yaml"), yaml);
    Map<String, String> before = StoreSnapshot.of(tmp.resolve("store"));
    Cli.Result result = cli.run("capture", project.resolve("s.py").toString());
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).startsWith("btsnap: ").contains(message);
    assertThat(result.err().strip()).doesNotContain("\n");
    assertThat(StoreSnapshot.of(tmp.resolve("store"))).isEqualTo(before);
  }

  @Test
  void archiveWithAnEscapingEntryIsRefused() throws Exception {
    Path archive = tmp.resolve("evil.tar.gz");
    try (OutputStream out = Files.newOutputStream(archive);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
      byte[] content = "pwned\n".getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry entry = new TarArchiveEntry("20261126-120000-000abc/../../../pwned.py", true);
      entry.setSize(content.length);
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
    }
    Map<String, String> before = StoreSnapshot.of(tmp.resolve("store"));
    Cli.Result result = cli.run("import", archive.toString());
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).startsWith("btsnap: ").contains("contains ..").contains("nothing imported");
    assertThat(StoreSnapshot.of(tmp.resolve("store"))).isEqualTo(before);
    assertThat(tmp.getParent().resolve("pwned.py")).doesNotExist();
  }

  @Test
  void storeOfAnUnknownFormatIsRefused() throws Exception {
    Files.writeString(tmp.resolve("store/btsnap-store.yaml"), "format: 7\nhash: sha256\n");
    Cli.Result result = cli.run("ls");
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("btsnap: store at " + tmp.resolve("store") + " has format 7; this btsnap reads format 1\n");
  }

  @Test
  void garbageIndexIsOneLineNotACrash() throws Exception {
    Files.write(tmp.resolve("store/index/data.mdb"), "garbage".repeat(2000).getBytes(StandardCharsets.UTF_8));
    Cli.Result result = cli.run("show", "latest");
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).startsWith("btsnap: index ").contains("is not an LMDB file");
  }

  @Test
  void fileOverTheSizeCapIsNamed() throws Exception {
    Files.write(project.resolve("big.py"), new byte[300_000]);
    Map<String, String> before = StoreSnapshot.of(tmp.resolve("store"));
    Cli.Result result = cli.run("capture", project.resolve("big.py").toString(), "--max-file-size", "100K");
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("btsnap: big.py is 293K, over the limit of 100K (--max-file-size); raise the limit or exclude it\n");
    assertThat(StoreSnapshot.of(tmp.resolve("store"))).isEqualTo(before);
  }

  @Test
  void unusualButValidInputsWork() throws Exception {
    Path dir = Files.createDirectories(project.resolve("données et espaces"));
    Files.write(dir.resolve("vide.py"), new byte[0]);
    Files.write(dir.resolve("stratégie à tester.py"), "# -*- coding: cp1252 -*-\n# café\nimport vide\n".getBytes(Charset.forName("windows-1252")));
    Files.write(dir.resolve("latin.py"), new byte[] {'#', ' ', (byte) 0xe9, '\n'});
    Cli.Result result = cli.run("capture", dir.resolve("stratégie à tester.py").toString(), "--mode", "imports", "--json");
    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).contains("données et espaces/stratégie à tester.py").contains("données et espaces/vide.py");
    Path out = tmp.resolve("restored");
    assertThat(cli.run("restore", "latest", out.toString()).code()).isZero();
    assertThat(out.resolve("données et espaces/vide.py")).isEmptyFile();
    assertThat(out.resolve("données et espaces/stratégie à tester.py")).hasSameBinaryContentAs(dir.resolve("stratégie à tester.py"));
    assertThat(cli.run("capture", dir.resolve("latin.py").toString()).code()).isZero();
    assertThat(cli.run("cat", "latest", "données et espaces/latin.py").stdout()).containsExactly('#', ' ', (byte) 0xe9, '\n');
  }

  @Test
  void restoreWritesNothingOutsideItsFolder() throws Exception {
    Path target = tmp.resolve("target");
    assertThat(cli.run("restore", "latest", target.toString()).code()).isZero();
    try (Stream<Path> all = Files.walk(tmp)) {
      List<Path> outside = all.filter(Files::isRegularFile)
          .filter(p -> !p.startsWith(tmp.resolve("store")) && !p.startsWith(target) && !p.startsWith(project))
          .filter(p -> !p.equals(tmp.resolve("outside.py"))).toList();
      assertThat(outside).isEmpty();
    }
  }
}
