package io.btsnap.cli;

import io.btsnap.json.JsonReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entry-point detection from real processes: a Python harness (and other parents) start the real
 * btsnap JVM, which must find the harness's own script.
 */
class DetectionProcessTest {
  @TempDir Path tmp;
  Path project;
  List<String> btsnap;

  private static boolean has(String program) {
    try {
      return new ProcessBuilder(program, "--version").redirectErrorStream(true).start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(has("python3"), "python3 is not installed");
    project = Files.createDirectories(tmp.resolve("proj"));
    Files.writeString(project.resolve("pyproject.toml"), "[project]\nname = 'h'\n");
    Files.createDirectories(project.resolve("lib"));
    Files.writeString(project.resolve("lib/__init__.py"), "");
    Files.writeString(project.resolve("lib/indicators.py"), "X = 1\n");
    btsnap = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "--store", tmp.resolve("store").toString());
    // The harness runs btsnap capture with the extra arguments it is given, as a list or
    // through a shell, and passes its output on.
    Files.writeString(project.resolve("harness.py"), String.join("\n",
        "import json, os, shlex, subprocess, sys",
        "import lib.indicators",
        "cmd = json.loads(os.environ['BTSNAP_CMD']) + ['capture', '--mode', 'imports', '-p', 'rsi=14', '--json']",
        "if os.environ.get('VIA') == 'shell':",
        "    r = subprocess.run(' '.join(shlex.quote(c) for c in cmd), shell=True, capture_output=True, text=True)",
        "elif os.environ.get('VIA') == 'env':",
        "    r = subprocess.run(['env', 'X=1'] + cmd, capture_output=True, text=True)",
        "else:",
        "    r = subprocess.run(cmd, capture_output=True, text=True)",
        "sys.stdout.write(r.stdout)",
        "sys.stderr.write(r.stderr)",
        "sys.exit(r.returncode)",
        ""));
    Files.createDirectories(project.resolve("tools"));
    Files.writeString(project.resolve("tools/__init__.py"), "");
    Files.copy(project.resolve("harness.py"), project.resolve("tools/grid.py"));
  }

  private record Outcome(int code, String out, String err) {}

  private Outcome run(List<String> command, String via) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
    builder.environment().put("BTSNAP_CMD", toJson(btsnap));
    builder.environment().remove("BTSNAP_ENTRY");
    if (via != null) {
      builder.environment().put("VIA", via);
    }
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Outcome(p.exitValue(), out, err);
  }

  private static String toJson(List<String> list) {
    return list.stream().map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").collect(Collectors.joining(",", "[", "]"));
  }

  @SuppressWarnings("unchecked")
  private static List<String> paths(Outcome outcome) {
    java.util.Map<String, Object> json = (java.util.Map<String, Object>) JsonReader.parse(outcome.out());
    List<String> paths = new ArrayList<>();
    for (Object f : (List<Object>) json.get("files")) {
      paths.add((String) ((java.util.Map<String, Object>) f).get("path"));
    }
    return paths;
  }

  @Test
  void pythonHarnessCallingTheCliIsTheEntry() throws Exception {
    Outcome outcome = run(List.of("python3", "harness.py"), null);
    assertThat(outcome.code()).as(outcome.err()).isZero();
    assertThat(outcome.out()).contains("\"entry\": \"harness.py\"");
    assertThat(paths(outcome)).containsExactly("harness.py", "lib/__init__.py", "lib/indicators.py");
  }

  @Test
  void throughAShellAndEnvTheHarnessIsStillFound() throws Exception {
    for (String via : List.of("shell", "env")) {
      Outcome outcome = run(List.of("python3", "-u", "harness.py", "--flag"), via);
      assertThat(outcome.code()).as(via + ": " + outcome.err()).isZero();
      assertThat(outcome.out()).as(via).contains("\"entry\": \"harness.py\"");
    }
  }

  @Test
  void pythonDashMRunsTheModuleFile() throws Exception {
    Outcome outcome = run(List.of("python3", "-m", "tools.grid"), null);
    assertThat(outcome.code()).as(outcome.err()).isZero();
    assertThat(outcome.out()).contains("\"entry\": \"tools/grid.py\"");
    assertThat(paths(outcome)).contains("tools/__init__.py", "tools/grid.py", "lib/indicators.py");
  }

  @Test
  void anotherParentEndsTheWalkWithNothingStored() throws Exception {
    assumeTrue(has("perl"), "perl is not installed");
    List<String> command = new ArrayList<>(List.of("perl", "-e", "exit(system(@ARGV) >> 8)", "--"));
    command.addAll(btsnap);
    command.add("capture");
    Outcome outcome = run(command, null);
    assertThat(outcome.code()).isEqualTo(1);
    assertThat(outcome.err().strip()).isEqualTo("btsnap: entry point not detected: pass the main file, set $BTSNAP_ENTRY, or list files in strategy.yaml");
    assertThat(tmp.resolve("store")).doesNotExist();
  }
}
