package io.btsnap.benchmarks;

import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.capture.pipeline.CaptureResult;
import io.btsnap.store.Store;
import io.btsnap.store.model.CaptureMode;
import io.btsnap.store.model.GcProgress;
import io.btsnap.store.model.GcResult;
import io.btsnap.store.model.RetentionPolicy;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.UsageReport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Store operations as the store grows: capture latency must stay flat; {@code ls --json} and
 * {@code store du} over 100k runs within a second. Filled stores are kept in the temp folder
 * ({@code btsnap-scale-N}) and copied for each trial, since filling 100k runs takes minutes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StoreScaleBenchmark {
  @Param({"1000", "10000", "100000"})
  int runs;

  private Path tmp;
  private Store store;
  private CaptureRequest request;
  private RetentionPolicy keepHalf;

  /** Copies (filling first if needed) a store of {@code runs} runs. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    tmp = Files.createTempDirectory("btsnap-bench");
    Path project = ExampleProject.copyTo(Files.createDirectories(tmp.resolve("project")));
    request = CaptureRequest.of(project.resolve("rsi_bb_strategy.py")).withMode(CaptureMode.IMPORTS);
    Path filled = filledStore(runs, request);
    copy(filled, tmp.resolve("store"));
    store = Store.open(tmp.resolve("store"));
    keepHalf = new RetentionPolicy(Optional.empty(), OptionalInt.of(runs / 2), Optional.empty(), Map.of());
  }

  /** Closes the store and removes the copy. */
  @TearDown(Level.Trial)
  public void tearDown() {
    store.close();
    ExampleProject.delete(tmp);
  }

  /** A capture of unchanged code into a store of {@code runs} runs. */
  @Benchmark
  public CaptureResult capture() throws IOException {
    return CapturePipeline.standard(store).capture(request);
  }

  /** {@code btsnap ls --json}, in process, into a discarding stream. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Measurement(iterations = 5)
  public int lsJson() {
    return io.btsnap.cli.Main.commandLine(OutputStream.nullOutputStream(), OutputStream.nullOutputStream())
        .execute("--store", tmp.resolve("store").toString(), "ls", "--json");
  }

  /** Listing the runs through the library. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Measurement(iterations = 5)
  public List<Run> runs() throws IOException {
    return store.runs();
  }

  /** {@code store du}. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Measurement(iterations = 5)
  public UsageReport du() throws IOException {
    return store.usage();
  }

  /** {@code store gc --keep-last N/2 --dry-run}. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Measurement(iterations = 5)
  public GcResult gcDryRun() throws IOException {
    return store.gc(keepHalf, true, GcProgress.NONE);
  }

  private static Path filledStore(int runs, CaptureRequest request) throws IOException {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "btsnap-scale-" + runs);
    Path done = dir.resolve("filled");
    if (Files.exists(done)) {
      return dir;
    }
    ExampleProject.deleteIfExists(dir);
    try (Store store = Store.open(dir)) {
      for (int i = 0; i < runs; i++) {
        CapturePipeline.standard(store).capture(request.withParams(Map.of("rsi_period", Integer.toString(10 + i % 21), "bb_std", Integer.toString(i))));
      }
    }
    Files.writeString(done, Integer.toString(runs));
    return dir;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.getFileName().toString().equals("lock.mdb")) {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

}
