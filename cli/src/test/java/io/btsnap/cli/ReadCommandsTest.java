package io.btsnap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadCommandsTest {
  @TempDir Path tmp;
  Cli cli;
  Path project;
  Path entry;

  @BeforeEach
  void setUp() throws Exception {
    cli = new Cli(tmp.resolve("store"));
    project = Files.createDirectories(tmp.resolve("proj"));
    Files.writeString(project.resolve("pyproject.toml"), "[project]\n");
    entry = project.resolve("strategy.py");
    Files.writeString(entry, "a\nb\nc\nd\ne\nf\ng\nh\n");
    Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private String capture(String... params) {
    String[] args = new String[params.length * 2 + 2];
    args[0] = "capture";
    args[1] = entry.toString();
    for (int i = 0; i < params.length; i++) {
      args[2 + 2 * i] = "-p";
      args[3 + 2 * i] = params[i];
    }
    Cli.Result result = cli.run(args);
    assertThat(result.code()).as(result.err()).isZero();
    return result.out().strip();
  }

  @Test
  @SuppressWarnings("unchecked")
  void showJsonHasTheContractFields() {
    String id = capture("rsi_period=14", "bb_std=2.0");
    Map<String, Object> run = (Map<String, Object>) cli.run("show", id, "--json").json();
    assertThat(run.keySet()).containsExactly(
        "id", "created", "mode", "entry", "root", "params", "labels", "metrics", "pinned", "manifest", "files", "environment");
    assertThat(run.get("id")).isEqualTo(id);
    assertThat(run.get("pinned")).isEqualTo(false);
    assertThat((String) run.get("manifest")).hasSize(64);
    assertThat((Map<String, Object>) run.get("params")).containsExactly(Map.entry("rsi_period", "14"), Map.entry("bb_std", "2.0"));
    List<Map<String, Object>> files = (List<Map<String, Object>>) run.get("files");
    assertThat(files).extracting(f -> f.get("path")).containsExactly("strategy.py");
    assertThat(files.get(0).get("executable")).isEqualTo(true);
    assertThat(cli.run("show", "latest", "--json").out()).isEqualTo(cli.run("show", id, "--json").out());
  }

  @Test
  @SuppressWarnings("unchecked")
  void lsJsonListsNewestFirstWithFileCount() {
    String first = capture("i=1");
    String second = capture("i=2");
    List<Map<String, Object>> runs = (List<Map<String, Object>>) cli.run("ls", "--json").json();
    assertThat(runs).extracting(r -> r.get("id")).containsExactly(second, first);
    assertThat(runs.get(0)).containsEntry("fileCount", 1L).doesNotContainKey("files");
    assertThat(cli.run("ls").out()).contains(first).contains(second).contains("i=2");
  }

  @Test
  void catPrintsTheFileByteForByte() throws Exception {
    byte[] binary = {0, (byte) 0xff, (byte) 0xc3, 0x28, '\n', 'x'};
    Files.write(entry, binary);
    capture();
    Cli.Result result = cli.run("cat", "latest", "strategy.py");
    assertThat(result.code()).isZero();
    assertThat(result.stdout()).containsExactly(binary);
  }

  @Test
  void restoreWritesByteIdenticalFilesWithExecutableBit() throws Exception {
    String id = capture();
    Path out = tmp.resolve("restored");
    Cli.Result result = cli.run("restore", id, out.toString());
    assertThat(result.code()).as(result.err()).isZero();
    assertThat(out.resolve("strategy.py")).hasSameBinaryContentAs(entry);
    assertThat(Files.isExecutable(out.resolve("strategy.py"))).isTrue();
  }

  @Test
  void diffListsChangesAndPrintsAPatch() throws Exception {
    String first = capture();
    Files.writeString(entry, "a\nb\nc\nd\nE\nf\ng\nh\n");
    String second = capture();
    Cli.Result names = cli.run("diff", first, second);
    assertThat(names.out()).isEqualTo("M\tstrategy.py\n");
    Cli.Result patch = cli.run("diff", first, "latest", "--patch");
    assertThat(patch.out())
        .isEqualTo(
            "diff " + first + " " + second + " -- strategy.py\n"
                + "--- a/strategy.py\n+++ b/strategy.py\n"
                + "@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n");
    Cli.Result same = cli.run("diff", first, first);
    assertThat(same.code()).isZero();
    assertThat(same.out()).isEqualTo("no differences\n");
    assertThat(cli.run("diff", first, first, "--patch").out()).isEqualTo("no differences in code\n");
  }

  @Test
  void aRunIsNamedByAUniquePrefixOrSuffixAndAnAmbiguousOneListsItsCandidates() throws Exception {
    String first = capture("a=1");
    String second = capture("a=2");
    assertThat(((Map<?, ?>) cli.run("show", second.substring(second.length() - 6), "--json").json()).get("id")).isEqualTo(second);
    assertThat(((Map<?, ?>) cli.run("show", first.substring(first.length() - 4), "--json").json()).get("id")).isEqualTo(first);
    Cli.Result ambiguous = cli.run("show", first.substring(0, 8));
    assertThat(ambiguous.code()).isEqualTo(1);
    assertThat(ambiguous.err()).isEqualTo("btsnap: run '" + first.substring(0, 8) + "' is ambiguous: matches " + first + ", "
        + second + "\n");
    assertThat(cli.run("show", "abc").err()).isEqualTo("btsnap: no run 'abc': give a run id, its first or last 4+ characters, or latest\n");
  }

  @Test
  @SuppressWarnings("unchecked")
  void diffJsonNamesBothSides() throws Exception {
    String first = capture();
    Files.writeString(entry, "changed\n");
    String second = capture();
    Map<String, Object> diff = (Map<String, Object>) cli.run("diff", first, second, "--json").json();
    assertThat(diff.get("from")).isEqualTo(first);
    List<Map<String, Object>> changes = (List<Map<String, Object>>) diff.get("changes");
    assertThat(changes).singleElement().satisfies(c -> {
      assertThat(c.get("path")).isEqualTo("strategy.py");
      assertThat(c.get("change")).isEqualTo("changed");
      assertThat(((Map<String, Object>) c.get("after")).get("size")).isEqualTo(8L);
    });
  }

  @Test
  @SuppressWarnings("unchecked")
  void storeDuCountsRunsBlobsAndDedup() {
    for (int i = 0; i < 4; i++) {
      capture("i=" + i);
    }
    Map<String, Object> du = (Map<String, Object>) cli.run("store", "du", "--json").json();
    assertThat(du).containsEntry("runs", 4L).containsEntry("blobs", 1L).containsEntry("logicalBytes", 64L)
        .containsEntry("blobBytes", 16L).containsEntry("dedupRatio", 4.0);
    assertThat((Long) du.get("storedBytes")).isPositive();
    assertThat((Long) du.get("freeBytes")).isPositive();
    Cli.Result human = cli.run("store", "du");
    assertThat(human.out()).contains("runs            4").contains("dedup ratio     4.0x");
  }

  @Test
  void verifyIsCleanOnAFreshStore() {
    capture();
    Cli.Result result = cli.run("store", "verify");
    assertThat(result.code()).isZero();
    assertThat(result.out()).startsWith("ok: 1 run, 1 manifest, 1 blob verified");
  }
}
