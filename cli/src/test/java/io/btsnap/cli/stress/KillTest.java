package io.btsnap.cli.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture and gc processes killed with SIGKILL at random moments. Replay a failure with
 * {@code -Dbtsnap.stress.seed=N}; run longer with {@code -Dbtsnap.stress.iterations=N}.
 */
class KillTest {
  @TempDir Path tmp;

  @Test
  void acknowledgedRunsSurviveKillsAndTheNextGcCleansUp() throws Exception {
    long seed = Long.getLong("btsnap.stress.seed", System.nanoTime());
    System.out.println("KillTest seed " + seed + " (replay with -Dbtsnap.stress.seed=" + seed + ")");
    Random random = new Random(seed);
    StressFixture fixture = new StressFixture(tmp).withStore();
    int iterations = StressFixture.iterations(10);
    int kills = 0;
    for (int i = 0; i < iterations; i++) {
      StressFixture.Worker writer = fixture.capture(i % 3, 1000);
      StressFixture.Worker gc = fixture.gc(1000);
      // A worker JVM takes about a second to its first command here; kill in the next two.
      Thread.sleep(800 + random.nextInt(2000));
      if (random.nextBoolean()) {
        writer.kill();
        Thread.sleep(random.nextInt(100));
        gc.kill();
      } else {
        gc.kill();
        Thread.sleep(random.nextInt(100));
        writer.kill();
      }
      kills += 2;
      fixture.checkNothingLost(tmp.resolve("after" + i));
    }
    assertThat(fixture.acknowledged).as("no capture finished before a kill: raise the delays").isNotEmpty();
    String[] gc = fixture.cli("store", "gc", "--grace", "0s");
    assertThat(gc[0]).as(gc[2]).isEqualTo("0");
    String[] verify = fixture.cli("store", "verify", "--json");
    assertThat(verify[1]).contains("\"reclaimable\": []").contains("\"clean\": true");
    System.out.printf("kill: seed %d, %d iterations, %d processes killed, %d acknowledged runs checked%n",
        seed, iterations, kills, fixture.acknowledged.size());
  }
}
