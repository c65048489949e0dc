package io.btsnap.cli;


import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** store du, gc and verify, pin, export and import through the real command line. */
class StoreCommandsTest {
  @TempDir Path tmp;
  Cli cli;
  Path entry;

  @BeforeEach
  void setUp() throws Exception {
    cli = new Cli(tmp.resolve("store"));
    Path project = Files.createDirectories(tmp.resolve("proj"));
    Files.writeString(project.resolve("pyproject.toml"), "[project]\n");
    entry = Files.writeString(project.resolve("s.py"), "v = 1\n");
  }

  private String capture(String content, String... labels) throws Exception {
    Files.writeString(entry, content);
    String[] args = new String[2 + labels.length * 2];
    args[0] = "capture";
    args[1] = entry.toString();
    for (int i = 0; i < labels.length; i++) {
      args[2 + 2 * i] = "-l";
      args[3 + 2 * i] = labels[i];
    }
    Cli.Result r = cli.run(args);
    assertThat(r.code()).as(r.err()).isZero();
    return r.out().strip();
  }

  @Test
  @SuppressWarnings("unchecked")
  void gcWithKeepLastDeletesTheRestAndDryRunMatches() throws Exception {
    String a = capture("a\n");
    String b = capture("b\n");
    String c = capture("c\n", "best=yes");
    String d = capture("d\n");
    assertThat(cli.run("pin", a).out()).isEqualTo("pinned " + a + "\n");

    Map<String, Object> dry = (Map<String, Object>) cli.run("store", "gc", "--keep-last", "1", "--keep-label", "best=yes", "--dry-run", "--json").json();
    assertThat(dry).containsEntry("dryRun", true).containsEntry("runsDeleted", 1L).containsEntry("blobsDeleted", 1L);
    assertThat((List<Object>) dry.get("runs")).containsExactly(b);

    Cli.Result real = cli.run("store", "gc", "--keep-last", "1", "--keep-label", "best=yes");
    assertThat(real.code()).isZero();
    assertThat(real.out()).startsWith("deleted 1 run, 1 manifest, 1 blob, 0 orphan files; freed ").contains("  run " + b);
    List<Map<String, Object>> runs = (List<Map<String, Object>>) cli.run("ls", "--json").json();
    assertThat(runs).extracting(r -> r.get("id")).containsExactly(d, c, a);
    assertThat(cli.run("store", "verify").code()).isZero();
  }

  @Test
  void gcWithoutOptionsDeletesNoRun() throws Exception {
    capture("a\n");
    Cli.Result result = cli.run("store", "gc");
    assertThat(result.out()).startsWith("deleted 0 runs, 0 manifests, 0 blobs, 0 orphan files");
    assertThat(cli.run("ls", "--json").out()).contains("\"id\"");
  }

  @Test
  void gcRejectsBadDurations() {
    Cli.Result result = cli.run("store", "gc", "--older-than", "30 days");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).startsWith("btsnap: ").contains("is not a duration");
  }

  @Test
  @SuppressWarnings("unchecked")
  void duRunsListsWhatEachRunHoldsAlone() throws Exception {
    String a = capture("shared\n");
    String b = capture("shared\n");
    String c = capture("alone\n");
    Map<String, Object> du = (Map<String, Object>) cli.run("store", "du", "--runs", "--json").json();
    List<Map<String, Object>> perRun = (List<Map<String, Object>>) du.get("perRun");
    assertThat(perRun).extracting(r -> r.get("id")).containsExactly(c, b, a);
    assertThat(perRun.get(0)).containsEntry("exclusiveBytes", 6L).containsEntry("logicalBytes", 6L);
    assertThat(perRun.get(1)).containsEntry("exclusiveBytes", 0L);
    assertThat(cli.run("store", "du", "--runs").out()).contains("RUN").contains(c);
  }

  @Test
  void verifyReportsEachProblemOnItsOwnLineAndExitsOne() throws Exception {
    capture("a\n");
    capture("b\n");
    try (var blobs = Files.walk(tmp.resolve("store/blobs"))) {
      List<Path> files = blobs.filter(Files::isRegularFile).sorted().toList();
      Files.delete(files.get(0));
      files.get(1).toFile().setWritable(true);
      Files.writeString(files.get(1), "tampered");
    }
    Cli.Result result = cli.run("store", "verify");
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out().lines()).hasSize(3)
        .anyMatch(l -> l.startsWith("missing blob "))
        .anyMatch(l -> l.startsWith("hash mismatch in blob "))
        .anyMatch(l -> l.startsWith("size mismatch in blob "));
    assertThat(result.err()).isEqualTo("btsnap: store verify found 3 problems\n");
    Cli.Result gc = cli.run("store", "gc", "--keep-last", "0");
    assertThat(gc.code()).isEqualTo(1);
    assertThat(gc.err()).startsWith("btsnap: gc deleted nothing: the store references missing data");
  }

  @Test
  void verifyListsRunsWhoseEntryIsAnEnginesFileAndStillExitsZero() throws Exception {
    capture("a\n");
    Path loky = Files.createDirectories(tmp.resolve("py/lib/python3.11/site-packages/joblib/externals/loky/backend"));
    Files.writeString(loky.resolve("popen_loky_posix.py"), "# loky's worker bootstrap\n");
    String old = cli.run("capture", loky.resolve("popen_loky_posix.py").toString()).out().strip();
    Cli.Result result = cli.run("store", "verify");
    assertThat(result.code()).isZero();
    assertThat(result.out().lines()).containsExactly(
        "run " + old + " records " + loky.toRealPath().resolve("popen_loky_posix.py") + " as its entry, an engine's or the"
            + " interpreter's file: it was captured in a worker by an earlier btsnap and does not name the backtest's code",
        "ok: 2 runs, 2 manifests, 2 blobs verified");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> listed = (List<Map<String, Object>>) ((Map<String, Object>) cli.run("store", "verify", "--json")
        .json()).get("engineEntries");
    assertThat(listed).extracting(e -> e.get("run")).containsExactly(old);
  }

  @Test
  void exportAndImportThroughTheCli() throws Exception {
    String a = capture("a\n");
    Path archive = tmp.resolve("out.tar.gz");
    assertThat(cli.run("export", a, "-o", archive.toString()).out()).isEqualTo("exported 1 run to " + archive + "\n");
    Cli other = new Cli(tmp.resolve("other"));
    Cli.Result imported = other.run("import", archive.toString());
    assertThat(imported.code()).as(imported.err()).isZero();
    assertThat(imported.out()).startsWith("imported 1 run\n");
    assertThat(other.run("cat", a, "s.py").out()).isEqualTo("a\n");
    Cli.Result missing = other.run("import", tmp.resolve("nope.tar.gz").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).startsWith("btsnap: archive not found");
  }

  @Test
  void captureRefusesWhenTheDiskWouldBeTooFull() throws Exception {
    capture("a\n");
    Map<String, String> before = StoreSnapshot.of(tmp.resolve("store"));
    Files.writeString(entry, "new content\n");
    Cli.Result result = cli.run("capture", entry.toString(), "--min-free", "100T");
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).startsWith("btsnap: disk almost full: ").contains("nothing stored");
    assertThat(StoreSnapshot.of(tmp.resolve("store"))).isEqualTo(before);
    assertThat(cli.run("capture", entry.toString(), "--min-free", "0").code()).isZero();
  }
}
