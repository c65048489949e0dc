package io.btsnap.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantTest {
  @Test
  void formatsAsInstantToStringDoes() {
    Random random = new Random(5);
    long minSecond = Instant.parse("-2000-01-01T00:00:00Z").getEpochSecond();
    long maxSecond = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
    for (int n = 0; n < 100_000; n++) {
      long second = random.nextLong(minSecond, maxSecond);
      int nanos = switch (n % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000_000);
        default -> random.nextInt(1_000_000) * 1000;
      };
      Instant instant = Instant.ofEpochSecond(second, nanos);
      assertThat(IsoInstant.format(instant)).isEqualTo(instant.toString());
    }
    Instant edge = Instant.parse("1000-01-01T00:00:00Z");
    assertThat(IsoInstant.format(edge)).isEqualTo(edge.toString());
    assertThat(IsoInstant.format(edge.minusMillis(1))).isEqualTo(edge.minusMillis(1).toString());
  }
}
