package io.btsnap.capture.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.btsnap.capture.EntryPoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Detection over a /proc tree written by the test: pid 100 is btsnap, its ancestors vary. */
class ProcessTreeDetectorTest {
  @TempDir Path tmp;
  Path proc;
  Path work;

  @BeforeEach
  void setUp() throws Exception {
    proc = Files.createDirectories(tmp.resolve("proc"));
    work = Files.createDirectories(tmp.resolve("work"));
    Files.writeString(work.resolve("script.py"), "");
    Files.createDirectories(work.resolve("pkg/mod"));
    Files.writeString(work.resolve("pkg/run.py"), "");
    Files.writeString(work.resolve("pkg/mod/__main__.py"), "");
    Files.writeString(work.resolve("Main.java"), "");
    Files.createDirectories(work.resolve("lib/site-packages/ray/workers"));
    Files.writeString(work.resolve("lib/site-packages/ray/workers/default_worker.py"), "");
    Files.createDirectories(work.resolve("venv/bin"));
    Files.writeString(work.resolve("venv/bin/dask"), "");
  }

  /** Writes process {@code pid} with parent {@code ppid} running {@code argv} in the work folder. */
  private void process(long pid, long ppid, String... argv) throws Exception {
    Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
    Files.writeString(dir.resolve("stat"), pid + " (" + argv[0] + " x) S " + ppid + " 1 1 0 -1\n");
    Files.write(dir.resolve("cmdline"), (String.join("\0", argv) + "\0").getBytes(StandardCharsets.UTF_8));
    Files.createSymbolicLink(dir.resolve("cwd"), work);
  }

  static Stream<Arguments> parents() {
    return Stream.of(
        Arguments.of("python script", List.of(List.of("python", "script.py")), "script.py"),
        Arguments.of("python3.11 with options", List.of(List.of("/usr/bin/python3.11", "-u", "-W", "ignore", "script.py", "--flag")), "script.py"),
        Arguments.of("combined short options", List.of(List.of("python3", "-uB", "-Xdev", "script.py")), "script.py"),
        Arguments.of("virtualenv interpreter", List.of(List.of("/home/q/.venv/bin/python", "script.py", "-p", "1")), "script.py"),
        Arguments.of("python -m module", List.of(List.of("python3", "-m", "pkg.run", "--x")), "pkg/run.py"),
        Arguments.of("python -m package", List.of(List.of("python3", "-mpkg.mod")), "pkg/mod/__main__.py"),
        Arguments.of("java source launch", List.of(List.of("java", "-cp", "lib/*", "--add-opens", "a=b", "Main.java", "x")), "Main.java"),
        Arguments.of("through sh -c", List.of(List.of("/bin/sh", "-c", "btsnap capture"), List.of("python3", "script.py")), "script.py"),
        Arguments.of("through env and timeout", List.of(List.of("env", "A=1", "btsnap"), List.of("timeout", "60", "env"), List.of("python3", "script.py")), "script.py"),
        Arguments.of("python -c has no file", List.of(List.of("python3", "-c", "import os")), null),
        Arguments.of("python reading stdin", List.of(List.of("python3", "-")), null),
        Arguments.of("perl parent ends the walk", List.of(List.of("perl", "-e", "system"), List.of("python3", "script.py")), null),
        Arguments.of("java running a class", List.of(List.of("java", "-cp", "x.jar", "com.x.Main")), null),
        Arguments.of("script that does not exist", List.of(List.of("python3", "gone.py")), null),
        Arguments.of("an engine's worker in site-packages", List.of(List.of("python3", "lib/site-packages/ray/workers/default_worker.py",
            "--node-ip-address=127.0.0.1"), List.of("python3", "script.py")), null),
        Arguments.of("a launcher in the interpreter's bin", List.of(List.of("venv/bin/python3", "venv/bin/dask", "worker"),
            List.of("python3", "script.py")), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parents")
  void detectsTheScriptOfTheNearestInterpreter(String name, List<List<String>> ancestors, String expected) throws Exception {
    process(100, 101, "java", "-jar", "btsnap.jar", "capture");
    long pid = 101;
    for (List<String> argv : ancestors) {
      process(pid, pid + 1, argv.toArray(String[]::new));
      pid++;
    }
    Optional<EntryPoint> found = new ProcessTreeDetector(proc, 100).detect();
    if (expected == null) {
      assertThat(found).isEmpty();
    } else {
      assertThat(found).get().extracting(EntryPoint::file).isEqualTo(work.resolve(expected));
      assertThat(found.get().how()).startsWith("parent process: ");
    }
  }
}
