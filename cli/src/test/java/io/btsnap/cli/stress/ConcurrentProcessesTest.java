package io.btsnap.cli.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several btsnap processes capturing at once while another runs gc, repeated. */
class ConcurrentProcessesTest {
  @TempDir Path tmp;

  @Test
  void writersAndGcInParallelLoseNoAcknowledgedRun() throws Exception {
    StressFixture fixture = new StressFixture(tmp).withStore();
    int rounds = Math.max(1, StressFixture.iterations(20) / 10);
    int writers = 3;
    int perWriter = 15;
    for (int round = 0; round < rounds; round++) {
      List<StressFixture.Worker> workers = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        workers.add(fixture.capture(w, perWriter));
      }
      StressFixture.Worker gc = fixture.gc(30);
      for (StressFixture.Worker worker : workers) {
        assertThat(worker.waitFor()).as(String.join("\n", worker.lines)).isZero();
      }
      assertThat(gc.waitFor()).isZero();
      assertThat(fixture.checkNothingLost(tmp.resolve("round" + round))).isPositive();
    }
    assertThat(fixture.acknowledged).hasSize(rounds * writers * perWriter);
    System.out.printf("concurrent: %d rounds, %d writers x %d captures, 30 gc runs beside each round%n", rounds, writers, perWriter);
  }
}
