package io.btsnap.benchmarks;

import io.btsnap.capture.python.ImportAnalyzer;
import io.btsnap.capture.python.ImportGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** Import analysis of the example strategy and of a synthetic 200-module project. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ImportAnalysisBenchmark {
  /** Modules in the synthetic project: packages of 10, each module importing the next ones. */
  static final int SYNTHETIC_MODULES = 200;

  private Path tmp;
  private Path example;
  private Path synthetic;

  /** Copies the example and writes the synthetic project. */
  @Setup
  public void setUp() throws IOException {
    tmp = Files.createTempDirectory("btsnap-bench");
    example = ExampleProject.copyTo(Files.createDirectories(tmp.resolve("example"))).toRealPath();
    synthetic = Files.createDirectories(tmp.resolve("synthetic")).toRealPath();
    StringBuilder main = new StringBuilder("import os, sys, json\n");
    for (int i = 0; i < SYNTHETIC_MODULES; i++) {
      int pkg = i / 10;
      Path dir = Files.createDirectories(synthetic.resolve("pkg" + pkg));
      Files.writeString(dir.resolve("__init__.py"), "\"\"\"Package " + pkg + ".\"\"\"\n");
      StringBuilder body = new StringBuilder("\"\"\"Module " + i + ": import text in a docstring.\"\"\"\nimport math\n");
      if (i + 1 < SYNTHETIC_MODULES) {
        body.append("from pkg").append((i + 1) / 10).append(" import m").append(i + 1).append("\n");
      }
      if (i % 10 == 0 && i + 10 < SYNTHETIC_MODULES) {
        body.append("from ..pkg").append((i + 10) / 10).append(" import m").append(i + 10).append("  # relative\n");
      }
      body.append("def f(x):\n    return x * ").append(i).append("  # ").append("padding ".repeat(20)).append("\n");
      Files.writeString(dir.resolve("m" + i + ".py"), body.toString().repeat(1));
    }
    main.append("import pkg0.m0\n");
    Files.writeString(synthetic.resolve("main.py"), main.toString());
  }

  /** Removes the temp folder. */
  @TearDown
  public void tearDown() {
    ExampleProject.delete(tmp);
  }

  /** The example's seven files. */
  @Benchmark
  public ImportGraph example() throws IOException {
    return new ImportAnalyzer(example).analyze(example.resolve("rsi_bb_strategy.py"));
  }

  /** 200 modules in 20 packages. */
  @Benchmark
  public ImportGraph synthetic200() throws IOException {
    return new ImportAnalyzer(synthetic).analyze(synthetic.resolve("main.py"));
  }
}
