package io.btsnap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** import --folders through the real CLI: per-run copies of the example become deduplicated runs. */
class FolderImportTest {
  private static final Path EXAMPLE = Path.of("../examples/rsi_bb").toAbsolutePath().normalize();
  private static final Instant DAY_ONE = Instant.parse("2026-01-05T10:00:00Z");

  @TempDir Path tmp;
  Path folders;
  Cli cli;

  @BeforeEach
  void perRunCopies() throws Exception {
    folders = Files.createDirectories(tmp.resolve("backtests"));
    for (int i = 0; i < 30; i++) {
      Path run = folders.resolve(String.format("run_%02d", i));
      copy(EXAMPLE, run);
      if (i % 3 == 0) {
        Files.writeString(run.resolve("params.json"), "{\"rsi_period\": " + (10 + i) + ", \"bb_std\": 2.0, \"grid\": [1, 2]}");
      } else if (i % 3 == 1) {
        Files.writeString(run.resolve("params.yaml"), "rsi_period: " + (10 + i) + "\nbb_std: 1.5\n");
      }
      Files.createDirectories(run.resolve("__pycache__"));
      Files.writeString(run.resolve("__pycache__/x.pyc"), "bytecode");
      if (i == 7) {
        Files.writeString(run.resolve(".env"), "BROKER_KEY=secret\n");
        Files.writeString(run.resolve("utils/risk.py"), "# tuned for this run\n", java.nio.file.StandardOpenOption.APPEND);
      }
      Files.setLastModifiedTime(run, FileTime.from(DAY_ONE.plusSeconds(3600L * i)));
    }
    cli = new Cli(tmp.resolve("store"));
  }

  @Test
  void everyFolderBecomesARunThatRestoresByteIdenticalAndTheFoldersAreUntouched() throws Exception {
    Map<String, String> before = StoreSnapshot.of(folders);
    Cli.Result dry = cli.run("import", "--folders", folders.toString(), "--params", "params.json", "--dry-run");
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out()).startsWith("would import 30 runs from " + folders + "\n")
        .contains("  folders: 30 folders, ").contains("skipped run_07/.env: looks like a secret");
    assertThat(ids()).isEmpty();

    Cli.Result done = cli.run("import", "--folders", folders.toString(), "--params", "params.json", "-l", "origin=zipline");
    assertThat(done.code()).as(done.err()).isZero();
    assertThat(done.out()).startsWith("imported 30 runs from ");
    List<Map<String, Object>> runs = listing();
    assertThat(runs).hasSize(30);
    for (Map<String, Object> run : runs) {
      @SuppressWarnings("unchecked")
      Map<String, String> labels = (Map<String, String>) run.get("labels");
      String name = labels.get("folder");
      int i = Integer.parseInt(name.substring(4));
      assertThat(labels).containsEntry("origin", "zipline");
      assertThat(Instant.parse((String) run.get("created"))).isEqualTo(DAY_ONE.plusSeconds(3600L * i));
      @SuppressWarnings("unchecked")
      Map<String, String> params = (Map<String, String>) run.get("params");
      assertThat(params).isEqualTo(i % 3 == 0 ? Map.of("rsi_period", "" + (10 + i), "bb_std", "2.0", "grid", "[1,2]") : Map.of());
      Path restored = tmp.resolve("restored").resolve(name);
      assertThat(cli.run("restore", (String) run.get("id"), restored.toString()).code()).isZero();
      Map<String, String> expected = contents(folders.resolve(name));
      expected.keySet().removeIf(p -> p.equals("params.json") || p.startsWith("__pycache__/") || p.equals(".env"));
      assertThat(contents(restored)).as(name).isEqualTo(expected);
    }
    // The folders without params.yaml share one manifest; each params.yaml (not the --params file) is code.
    assertThat(runs.stream().map(r -> r.get("manifest")).distinct().count()).isEqualTo(11);
    assertThat(StoreSnapshot.of(folders)).as("the folders are only read").isEqualTo(before);
    for (int i = 0; i < 30; i++) {
      assertThat(Files.getLastModifiedTime(folders.resolve(String.format("run_%02d", i))).toInstant())
          .isEqualTo(DAY_ONE.plusSeconds(3600L * i));
    }

    Cli.Result again = cli.run("import", "--folders", folders.toString(), "--params", "params.json");
    assertThat(again.out()).startsWith("imported 0 runs from ").contains("30 runs already present");
    assertThat(ids()).hasSize(30);
    assertThat(cli.run("store", "verify").code()).isZero();
  }

  @Test
  void badInputIsOneLineAndStoresNothing() throws Exception {
    Files.writeString(folders.resolve("run_05/params.json"), "{not json");
    Cli.Result bad = cli.run("import", "--folders", folders.toString(), "--params", "params.json");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).startsWith("btsnap: ").contains("run_05/params.json: not valid JSON");
    assertThat(ids()).isEmpty();
    assertThat(cli.run("import", "--folders", tmp.resolve("missing").toString()).err()).startsWith("btsnap: no such folder: ");
    assertThat(cli.run("import", "--folders", folders.toString(), "--params", "a/b.json").code()).isEqualTo(2);
    assertThat(cli.run("import", "x.tar.gz", "--folders", folders.toString()).code()).isEqualTo(2);
    assertThat(cli.run("import").code()).isEqualTo(2);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> listing() {
    return (List<Map<String, Object>>) cli.run("ls", "--json").json();
  }

  private List<Object> ids() {
    Cli.Result r = cli.run("ls", "--json");
    return r.code() != 0 ? List.of() : listing().stream().map(m -> m.get("id")).toList();
  }

  private static Map<String, String> contents(Path dir) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p).toString(), new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
      }
    }
    return files;
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        if (p.toString().contains("__pycache__")) {
          continue;
        }
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
