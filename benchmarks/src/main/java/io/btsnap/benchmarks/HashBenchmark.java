package io.btsnap.benchmarks;

import io.btsnap.store.model.BlobId;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The cost of naming one file's content: SHA-256 of a strategy-sized file. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HashBenchmark {
  @Param({"4096", "65536"})
  int size;

  private byte[] content;

  /** Fills the content with seeded random bytes. */
  @Setup
  public void setUp() {
    content = new byte[size];
    new Random(42).nextBytes(content);
  }

  /** Hashes the content. */
  @Benchmark
  public BlobId hash() {
    return BlobId.of(content);
  }
}
