package io.btsnap.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DurationsTest {
  static Stream<Arguments> durations() {
    return Stream.of(
        Arguments.of(Duration.ZERO, "0s"),
        Arguments.of(Duration.ofMillis(1_900), "1s"),
        Arguments.of(Duration.ofSeconds(45), "45s"),
        Arguments.of(Duration.ofSeconds(78), "1m18s"),
        Arguments.of(Duration.ofSeconds(65), "1m05s"),
        Arguments.of(Duration.ofMinutes(90), "1h30m"),
        Arguments.of(Duration.ofMinutes(185), "3h05m"),
        Arguments.of(Duration.ofHours(12), "12h"),
        Arguments.of(Duration.ofHours(720), "30d"),
        Arguments.of(Duration.ofHours(52), "2d04h"),
        Arguments.of(Duration.ofSeconds(-5), "0s"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("durations")
  void printsTheTwoLargestUnits(Duration duration, String text) {
    assertThat(Durations.human(duration)).isEqualTo(text);
  }

  @Test
  void whatItPrintsReadsBack() {
    for (String text : new String[] {"45s", "90m", "12h", "30d", "2w", "1m18s", "2d04h"}) {
      assertThat(Durations.parse(Durations.human(Durations.parse(text)))).isEqualTo(Durations.parse(text));
    }
    assertThat(Durations.parse("2w")).isEqualTo(Duration.ofDays(14));
  }

  @Test
  void aBadDurationIsOneLineForTheUser() {
    assertThatThrownBy(() -> Durations.parse("30 days"))
        .hasMessage("'30 days' is not a duration: use a number and s, m, h, d or w, e.g. 30d");
  }
}
