package io.btsnap.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.CaptureMode;
import io.btsnap.store.model.Environment;
import io.btsnap.store.model.Provenance;
import io.btsnap.store.model.RetentionPolicy;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Retention as a pure function: a table of runs against the exact kept and deleted sets. */
class RetentionPolicyTest {
  static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  static final BlobId MANIFEST = BlobId.of(new byte[0]);

  /** Runs named by age in days; "p" marks pinned, "best" carries the label best=yes. */
  static final List<Run> RUNS = List.of(
      run("d1", 1, false, false),
      run("d5", 5, false, true),
      run("d10", 10, true, false),
      run("d20", 20, false, false),
      run("d40", 40, false, false),
      run("d60", 60, false, true),
      run("d90p", 90, true, false),
      run("d120", 120, false, false));

  static Run run(String name, int ageDays, boolean pinned, boolean best) {
    Instant created = NOW.minus(Duration.ofDays(ageDays));
    return new Run(RunId.forInstant(created), created, CaptureMode.ENTRY, "s.py", "/p", Map.of("name", name),
        best ? Map.of("best", "yes") : Map.of(), pinned, MANIFEST, Provenance.NONE, Environment.NONE, Map.of());
  }

  static RetentionPolicy policy(Integer olderThanDays, Integer keepLast, Integer keepWithinDays, Map<String, String> labels) {
    return new RetentionPolicy(
        Optional.ofNullable(olderThanDays).map(Duration::ofDays),
        keepLast == null ? OptionalInt.empty() : OptionalInt.of(keepLast),
        Optional.ofNullable(keepWithinDays).map(Duration::ofDays),
        labels);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("no rule deletes nothing", policy(null, null, null, Map.of()), Set.of()),
        Arguments.of("older than 30d", policy(30, null, null, Map.of()), Set.of("d40", "d60", "d120")),
        Arguments.of("older than 30d, keep best", policy(30, null, null, Map.of("best", "yes")), Set.of("d40", "d120")),
        Arguments.of("older than 30d, keep last 5", policy(30, 5, null, Map.of()), Set.of("d60", "d120")),
        Arguments.of("keep last 3 alone", policy(null, 3, null, Map.of()), Set.of("d20", "d40", "d60", "d120")),
        Arguments.of("keep within 15d alone", policy(null, null, 15, Map.of()), Set.of("d20", "d40", "d60", "d120")),
        Arguments.of("keep rules are ORed", policy(null, 1, 15, Map.of("best", "yes")), Set.of("d20", "d40", "d120")),
        Arguments.of("keep last 0 deletes all unpinned", policy(null, 0, null, Map.of()), Set.of("d1", "d5", "d20", "d40", "d60", "d120")),
        Arguments.of("older than 1000d deletes nothing", policy(1000, null, null, Map.of()), Set.of()),
        Arguments.of("label that no run has", policy(null, null, null, Map.of("best", "no")), Set.of("d1", "d5", "d20", "d40", "d60", "d120")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void selectsExactlyTheseRuns(String name, RetentionPolicy policy, Set<String> deleted) {
    List<RetentionPolicy.Decision> decisions = policy.select(RUNS, NOW);
    Set<String> actual = decisions.stream().filter(d -> !d.keep()).map(d -> d.run().params().get("name")).collect(Collectors.toSet());
    assertThat(actual).isEqualTo(deleted);
    assertThat(decisions).filteredOn(d -> d.run().pinned()).allMatch(d -> d.keep() && d.reason().equals("pinned"));
  }

  @Test
  void everyRunIsDecidedOnceAndPinnedRunsAreAlwaysKept() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int round = 0; round < 200; round++) {
      List<Run> runs = new ArrayList<>();
      int n = random.nextInt(30);
      for (int i = 0; i < n; i++) {
        runs.add(run("r" + i, random.nextInt(200), random.nextInt(5) == 0, random.nextBoolean()));
      }
      RetentionPolicy policy = policy(
          random.nextBoolean() ? random.nextInt(100) : null,
          random.nextBoolean() ? random.nextInt(10) : null,
          random.nextBoolean() ? random.nextInt(100) : null,
          random.nextBoolean() ? Map.of("best", "yes") : Map.of());
      List<RetentionPolicy.Decision> decisions = policy.select(runs, NOW);
      assertThat(decisions).as("seed %d", seed).extracting(RetentionPolicy.Decision::run).containsExactlyInAnyOrderElementsOf(runs);
      assertThat(decisions).as("seed %d", seed).filteredOn(d -> d.run().pinned()).allMatch(RetentionPolicy.Decision::keep);
      if (policy.keepLast().isPresent()) {
        List<Run> newest = runs.stream().sorted((a, b) -> b.id().compareTo(a.id())).limit(policy.keepLast().getAsInt()).toList();
        assertThat(decisions).as("seed %d", seed).filteredOn(d -> newest.contains(d.run())).allMatch(RetentionPolicy.Decision::keep);
      }
    }
  }
}
