package io.btsnap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.btsnap.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * btsnap records the code that really ran: real Python processes (scripts, {@code -m}, pool
 * workers) start the real btsnap JVM, and the captured files are checked against what Python
 * loaded.
 */
class FidelityProcessTest {
  @TempDir Path tmp;
  Path store;
  List<String> btsnap;

  /** A backtest that imports lib.costs, then captures itself with the arguments it is given. */
  private static final String BACKTEST = String.join("\n",
      "import json, os, subprocess, sys",
      "import lib.costs",
      "def capture(extra=()):",
      "    cmd = json.loads(os.environ['BTSNAP_CMD']) + ['capture', '--mode', 'imports', '--json'] + list(extra)",
      "    r = subprocess.run(cmd, capture_output=True, text=True)",
      "    sys.stderr.write(r.stderr)",
      "    if r.returncode:",
      "        sys.exit(r.returncode)",
      "    return r.stdout",
      "if __name__ == '__main__':",
      "    sys.stdout.write(capture(sys.argv[1:]))",
      "");

  @BeforeEach
  void setUp() {
    assumeTrue(has("python3"), "python3 is not installed");
    store = tmp.resolve("store");
    btsnap = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--store", store.toString());
  }

  private record Outcome(int code, String out, String err) {
    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      return (Map<String, Object>) JsonReader.parse(out);
    }

    @SuppressWarnings("unchecked")
    List<String> paths() {
      return ((List<Object>) json().get("files")).stream()
          .map(f -> (String) ((Map<String, Object>) f).get("path")).toList();
    }

    String manifest() {
      return (String) json().get("manifest");
    }
  }

  private Outcome python(Path dir, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("python3"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().put("BTSNAP_CMD", toJson(btsnap));
    builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    builder.environment().remove("BTSNAP_ENTRY");
    builder.environment().remove("PYTHONPATH");
    builder.environment().putAll(env);
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    return new Outcome(p.exitValue(), out, err);
  }

  /** A project without markers: strategies/mean_rev.py imports lib.costs and lib.fees. */
  private Path project(Path dir, String costs) throws Exception {
    write(dir.resolve("lib/__init__.py"), "");
    write(dir.resolve("lib/costs.py"), costs);
    write(dir.resolve("lib/fees.py"), "FEE = 0.1\n");
    write(dir.resolve("strategies/__init__.py"), "");
    write(dir.resolve("strategies/mean_rev.py"), BACKTEST.replace("import lib.costs", "import lib.costs\nfrom lib import fees"));
    return dir;
  }

  @Test
  void identicalCodeHasOneManifestHoweverTheCaptureWasInvoked() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("one"));
    write(dir.resolve("x.py"), BACKTEST.replace("import lib.costs\n", ""));
    List<String> manifests = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (Outcome o : List.of(
        python(dir, Map.of(), "x.py"),
        python(dir, Map.of(), "./x.py"),
        python(dir, Map.of(), dir.resolve("x.py").toString()),
        python(dir, Map.of("BTSNAP_ENTRY", "x.py"), "x.py"),
        python(dir, Map.of(), "x.py", "x.py"))) {
      assertThat(o.code()).as(o.err()).isZero();
      manifests.add(o.manifest());
      reasons.add(new Cli(store).run("show", (String) o.json().get("id")).out());
    }
    assertThat(manifests).as("one code, one manifest id").containsOnly(manifests.get(0));
    assertThat(reasons.get(0)).contains("parent process: python3 x.py");
    assertThat(reasons.get(3)).as("show still says how each was found").contains("$BTSNAP_ENTRY");
    assertThat(reasons.get(4)).contains("entry point (given)");
  }

  @Test
  void dashMWithoutMarkersImportsFromTheWorkingFolder() throws Exception {
    Path dir = project(Files.createDirectories(tmp.resolve("plain")), "COST = 1\n");
    Outcome o = python(dir, Map.of(), "-m", "strategies.mean_rev");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.json().get("root")).isEqualTo(dir.toRealPath().toString());
    assertThat(o.paths()).containsExactly(
        "lib/__init__.py", "lib/costs.py", "lib/fees.py", "strategies/__init__.py", "strategies/mean_rev.py");
    assertThat(o.err()).doesNotContain("warning");
  }

  @Test
  void aRestoredCopyInsideTheProjectRecordsItsOwnFilesWithTheOriginalManifest() throws Exception {
    Path original = project(Files.createDirectories(tmp.resolve("original")), "COST = 2\n");
    Outcome first = python(original, Map.of(), "-m", "strategies.mean_rev");
    assertThat(first.code()).as(first.err()).isZero();

    // The outer project: a repository with other code of the same names and a strategy.yaml.
    Path outer = project(Files.createDirectories(tmp.resolve("outer")), "COST = 1\n");
    Files.createDirectories(outer.resolve(".git"));
    write(outer.resolve("strategy.yaml"), "files:\n  - notes/*.md\n");
    write(outer.resolve("notes/a.md"), "a\n");
    write(outer.resolve("notes/b.md"), "b\n");
    Cli.Result restored = new Cli(store).run("restore", (String) first.json().get("id"), outer.resolve("restored").toString());
    assertThat(restored.code()).as(restored.err()).isZero();

    Outcome again = python(outer.resolve("restored"), Map.of(), "-m", "strategies.mean_rev");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.paths()).as("what Python loaded: the restored files, no outer strategy.yaml files")
        .containsExactlyElementsOf(first.paths());
    assertThat(again.manifest()).as("the restored code is the original code").isEqualTo(first.manifest());
  }

  @Test
  void poolWorkersInSpawnAndForkserverModeFindTheScriptThatStartedThem() throws Exception {
    Path dir = project(Files.createDirectories(tmp.resolve("pool")), "COST = 1\n");
    write(dir.resolve("grid.py"), String.join("\n",
        "import multiprocessing as mp, sys",
        "from strategies.mean_rev import capture",
        "def run(p):",
        "    return capture(['-p', 'p=%d' % p])",
        "if __name__ == '__main__':",
        "    with mp.get_context(sys.argv[1]).Pool(2) as pool:",
        "        for out in pool.map(run, range(3)):",
        "            sys.stdout.write(out.replace('\\n', ' ') + '\\n')",
        ""));
    for (String method : List.of("spawn", "forkserver")) {
      Outcome o = python(dir, Map.of(), "grid.py", method);
      assertThat(o.code()).as(method + ": " + o.err()).isZero();
      List<String> lines = o.out().lines().toList();
      assertThat(lines).as(method).hasSize(3);
      for (String line : lines) {
        Outcome run = new Outcome(0, line, "");
        assertThat(run.json().get("entry")).as(method).isEqualTo("grid.py");
        assertThat(run.paths()).as(method).contains("grid.py", "strategies/mean_rev.py", "lib/costs.py");
      }
    }
  }

  @Test
  void joblibLokyWorkersFindTheScriptThatStartedThem() throws Exception {
    assumeTrue(python(tmp, Map.of(), "-c", "import joblib").code() == 0, "joblib is not installed (pip install joblib)");
    Path dir = project(Files.createDirectories(tmp.resolve("loky")), "COST = 1\n");
    write(dir.resolve("grid.py"), String.join("\n",
        "import sys",
        "from joblib import Parallel, delayed",
        "from strategies.mean_rev import capture",
        "if __name__ == '__main__':",
        "    outs = Parallel(n_jobs=2, backend='loky')(delayed(capture)(['-p', 'p=%d' % p]) for p in range(2))",
        "    for out in outs:",
        "        sys.stdout.write(out.replace('\\n', ' ') + '\\n')",
        ""));
    Outcome o = python(dir, Map.of(), "grid.py");
    assertThat(o.code()).as(o.err()).isZero();
    for (String line : o.out().lines().toList()) {
      assertThat(new Outcome(0, line, "").json().get("entry")).isEqualTo("grid.py");
    }
  }

  @Test
  void notDetectedSaysHowToNameTheEntry() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("c"));
    Outcome o = python(dir, Map.of(), "-c", "import json, os, subprocess, sys; "
        + "sys.exit(subprocess.run(json.loads(os.environ['BTSNAP_CMD']) + ['capture']).returncode)");
    assertThat(o.code()).isEqualTo(1);
    assertThat(o.err().strip()).startsWith("btsnap: entry point not detected").contains("$BTSNAP_ENTRY");
    assertThat(store).doesNotExist();
  }

  @Test
  void aModuleEditedAfterTheBacktestStartedIsAWarning() throws Exception {
    Path dir = project(Files.createDirectories(tmp.resolve("edited")), "COST = 1\n");
    // Imports lib.costs, then edits it (as a researcher would between two runs), then captures.
    write(dir.resolve("edit.py"), String.join("\n",
        "import sys, time",
        "from strategies.mean_rev import capture",
        "if sys.argv[1] == 'edit':",
        "    time.sleep(1.6)",
        "    open('lib/costs.py', 'w').write('COST = 99\\n')",
        "sys.stdout.write(capture())",
        ""));
    Outcome clean = python(dir, Map.of(), "edit.py", "keep");
    assertThat(clean.code()).as(clean.err()).isZero();
    assertThat(clean.json().get("warnings")).isEqualTo(List.of());

    Outcome edited = python(dir, Map.of(), "edit.py", "edit");
    assertThat(edited.code()).as(edited.err()).isZero();
    assertThat(edited.err()).contains("btsnap: warning: lib/costs.py changed after the backtest's process");
    assertThat(edited.json().get("warnings").toString()).contains("lib/costs.py changed after");
    assertThat(edited.json().get("warnings").toString()).doesNotContain("lib/fees.py");
  }

  private static void write(Path file, String content) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private static boolean has(String program) {
    try {
      return new ProcessBuilder(program, "--version").redirectErrorStream(true).start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private static String toJson(List<String> list) {
    return list.stream().map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(",", "[", "]"));
  }
}
