package io.btsnap.benchmarks;

import io.btsnap.capture.EntryPoint;
import io.btsnap.capture.detect.ProcessTreeDetector;
import io.btsnap.capture.detect.StackWalkerDetector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Entry-point detection. The process tree is a copy of what a grid search produces (btsnap
 * under {@code sh -c} under {@code python3 -u grid_search.py}), written as a /proc tree so the
 * figure does not depend on who started the benchmark; reads go to real files all the same.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EntryPointDetectionBenchmark {
  private Path tmp;
  private ProcessTreeDetector processTree;
  private StackWalkerDetector stackWalker;

  /** Writes the /proc tree and a source root holding this class's source name. */
  @Setup
  public void setUp() throws IOException {
    tmp = Files.createTempDirectory("btsnap-bench");
    Path work = Files.createDirectories(tmp.resolve("work"));
    Files.writeString(work.resolve("grid_search.py"), "");
    Path proc = Files.createDirectories(tmp.resolve("proc"));
    process(proc, work, 100, 101, "java", "-jar", "btsnap.jar", "capture");
    process(proc, work, 101, 102, "/bin/sh", "-c", "btsnap capture -p a=1");
    process(proc, work, 102, 1, "python3", "-u", "grid_search.py", "--jobs", "2");
    processTree = new ProcessTreeDetector(proc, 100);
    Path sources = Files.createDirectories(tmp.resolve("src/main/java/org/openjdk/jmh/runner"));
    Files.writeString(sources.resolve("ForkedMain.java"), "");
    stackWalker = new StackWalkerDetector(List.of(tmp.resolve("src/main/java")), System.getProperty("sun.java.command"));
  }

  private static void process(Path proc, Path cwd, long pid, long ppid, String... argv) throws IOException {
    Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
    Files.writeString(dir.resolve("stat"), pid + " (" + argv[0] + ") S " + ppid + " 1 1 0\n");
    Files.write(dir.resolve("cmdline"), (String.join("\0", argv) + "\0").getBytes(StandardCharsets.UTF_8));
    Files.createSymbolicLink(dir.resolve("cwd"), cwd);
  }

  /** Removes the temp folder. */
  @TearDown
  public void tearDown() {
    ExampleProject.delete(tmp);
  }

  /** Walks btsnap → sh → python3 and resolves the script. */
  @Benchmark
  public Optional<EntryPoint> processTree() {
    return processTree.detect();
  }

  /** Walks this thread's stack to its outermost frame and resolves its class to a source file. */
  @Benchmark
  public Optional<EntryPoint> stackWalker() {
    return stackWalker.detect();
  }
}
