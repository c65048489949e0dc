package io.btsnap.cli.stress;

import static org.assertj.core.api.Assertions.assertThat;

import io.btsnap.cli.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One process per command, as a grid search runs btsnap: each goes through {@code main}, which
 * parses a plain capture without picocli and opens the store on a second thread. Writers and a
 * gc loop run at once, and some processes are killed with SIGKILL at random moments, in the
 * middle of loading the binding, opening the store or committing. Replay with {@code
 * -Dbtsnap.stress.seed=N}; run longer with {@code -Dbtsnap.stress.iterations=N}.
 */
class CommandProcessTest {
  @TempDir Path tmp;

  @Test
  void acknowledgedCapturesOfKilledAndConcurrentProcessesSurvive() throws Exception {
    long seed = Long.getLong("btsnap.stress.seed", System.nanoTime());
    System.out.println("CommandProcessTest seed " + seed + " (replay with -Dbtsnap.stress.seed=" + seed + ")");
    StressFixture fixture = new StressFixture(tmp).withStore();
    int perWriter = StressFixture.iterations(6);
    AtomicInteger killed = new AtomicInteger();
    AtomicBoolean writing = new AtomicBoolean(true);
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      int writer = w;
      Random random = new Random(seed + w);
      writers.add(start(() -> {
        Path entry = fixture.project.resolve("main" + writer + ".py");
        Files.writeString(entry, "import shared\nimport w" + writer + "\n");
        for (int i = 0; i < perWriter; i++) {
          String content = "VALUE = '" + writer + "_" + i + "'\n";
          Files.writeString(fixture.project.resolve("w" + writer + ".py"), content);
          String keep = i % 3 == 0 ? "no" : "yes";
          Process process = command(fixture, "capture", entry.toString(), "--mode", "imports", "-l", "keep=" + keep, "--min-free", "0");
          boolean kill = random.nextInt(3) == 0 && !process.waitFor(random.nextInt(400), TimeUnit.MILLISECONDS);
          if (kill) {
            // Unacknowledged whether or not it finished: destroying the process closes its output.
            process.destroyForcibly().waitFor();
            killed.incrementAndGet();
            continue;
          }
          String id = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
          String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
          int code = process.waitFor();
          assertThat(code).as("capture failed: %s", err).isZero();
          String hash = DigestUtils.sha256Hex(content.getBytes(StandardCharsets.UTF_8));
          fixture.acknowledged.put(id, new StressFixture.Ack(id, keep.equals("yes"), hash, writer));
        }
      }));
    }
    Random gcRandom = new Random(seed - 1);
    Thread gc = start(() -> {
      for (int i = 0; writing.get(); i++) {
        Process process = i % 2 == 0
            ? command(fixture, "store", "gc", "--grace", "0s")
            : command(fixture, "store", "gc", "--keep-label", "keep=yes", "--grace", "0s");
        boolean kill = gcRandom.nextInt(3) == 0 && !process.waitFor(gcRandom.nextInt(400), TimeUnit.MILLISECONDS);
        if (kill) {
          process.destroyForcibly().waitFor();
          killed.incrementAndGet();
          continue;
        }
        process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("gc failed: %s", err).isZero();
      }
    });
    for (Thread writer : writers) {
      writer.join();
    }
    writing.set(false);
    gc.join();
    assertThat(failures).isEmpty();
    assertThat(fixture.acknowledged).as("no capture was acknowledged").isNotEmpty();
    int checked = fixture.checkNothingLost(tmp.resolve("restored"));
    String[] last = fixture.cli("store", "gc", "--grace", "0s");
    assertThat(last[0]).as(last[2]).isEqualTo("0");
    String[] verify = fixture.cli("store", "verify", "--json");
    assertThat(verify[1]).contains("\"reclaimable\": []").contains("\"clean\": true");
    System.out.printf("command processes: seed %d, %d captures, %d processes killed, %d acknowledged, %d restored%n",
        seed, 3 * perWriter, killed.get(), fixture.acknowledged.size(), checked);
  }

  private final List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

  private interface Body {
    void run() throws Exception;
  }

  private Thread start(Body body) {
    Thread thread = new Thread(() -> {
      try {
        body.run();
      } catch (Throwable e) {
        failures.add(e);
      }
    });
    thread.start();
    return thread;
  }

  /** Starts {@code btsnap ARGS} as its own JVM, through {@link Main#main}. */
  private static Process command(StressFixture fixture, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--store", fixture.store.toString(), "--stacktrace"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).start();
  }
}
