package io.btsnap.benchmarks;

import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.capture.pipeline.CaptureResult;
import io.btsnap.store.Store;
import io.btsnap.store.model.CaptureMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
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
 * The whole in-process capture of {@code examples/rsi_bb} in imports mode: select (import
 * analysis), read, hash, write new blobs, one durable commit.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CaptureBenchmark {
  private Path tmp;
  private Store store;
  private CaptureRequest request;
  private Path changing;
  private long counter;

  /** Copies the example, opens a fresh store and captures once. */
  @Setup
  public void setUp() throws IOException {
    tmp = Files.createTempDirectory("btsnap-bench");
    Path project = ExampleProject.copyTo(Files.createDirectories(tmp.resolve("project")));
    store = Store.open(tmp.resolve("store"));
    request = CaptureRequest.of(project.resolve("rsi_bb_strategy.py")).withMode(CaptureMode.IMPORTS)
        .withParams(Map.of("rsi_period", "14", "bb_std", "2.0"));
    changing = project.resolve("utils/risk.py");
    CapturePipeline.standard(store).capture(request);
  }

  /** Closes the store and removes the temp folder. */
  @TearDown
  public void tearDown() {
    store.close();
    ExampleProject.delete(tmp);
  }

  /** Every grid-search iteration after the first: the code has not changed. */
  @Benchmark
  public CaptureResult captureUnchanged() throws IOException {
    return CapturePipeline.standard(store).capture(request);
  }

  /** One module changed since the last capture: one new blob and a new manifest. */
  @Benchmark
  public CaptureResult captureChanged() throws IOException {
    Files.writeString(changing, "# edit " + (counter++) + "\n", StandardOpenOption.APPEND);
    return CapturePipeline.standard(store).capture(request);
  }
}
