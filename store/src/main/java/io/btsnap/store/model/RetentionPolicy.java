package io.btsnap.store.model;

import io.btsnap.time.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Which runs {@code store gc} deletes. With no rule it deletes none. {@code olderThan} makes
 * runs older than it candidates; keep rules alone make every run a candidate. A candidate is
 * deleted unless any keep rule keeps it (rules are ORed); a pinned run is always kept.
 *
 * @param olderThan delete runs older than this
 * @param keepLast keep the newest N runs
 * @param keepWithin keep runs younger than this
 * @param keepLabels keep runs that carry any of these labels (key and value)
 * @param keepTop keep the best runs by a metric, overall or per value of a label
 */
public record RetentionPolicy(
    Optional<Duration> olderThan, OptionalInt keepLast, Optional<Duration> keepWithin, Map<String, String> keepLabels,
    Optional<KeepTop> keepTop) {

  /**
   * Keep the {@code count} best runs by {@code metric}: highest first, or lowest with {@code
   * lowestBest}; with {@code per}, the best of each value of that label (runs without the label
   * make one group of their own). A run without the metric is never among the best.
   */
  public record KeepTop(int count, String metric, boolean lowestBest, Optional<String> per) {
    /** Checks the fields. */
    public KeepTop {
      if (count < 0) {
        throw new IllegalArgumentException("keep-top must not be negative: " + count);
      }
      Objects.requireNonNull(metric, "metric");
      Objects.requireNonNull(per, "per");
    }

    String describe(Run run) {
      return "top " + count + " by " + (lowestBest ? "+" : "") + metric
          + per.map(p -> " in " + p + "=" + run.labels().getOrDefault(p, "(none)")).orElse("");
    }
  }

  /** A policy without keep-top. */
  public RetentionPolicy(
      Optional<Duration> olderThan, OptionalInt keepLast, Optional<Duration> keepWithin, Map<String, String> keepLabels) {
    this(olderThan, keepLast, keepWithin, keepLabels, Optional.empty());
  }

  /** Checks and copies the fields. */
  public RetentionPolicy {
    Objects.requireNonNull(olderThan, "olderThan");
    Objects.requireNonNull(keepLast, "keepLast");
    Objects.requireNonNull(keepWithin, "keepWithin");
    keepLabels = Collections.unmodifiableMap(new LinkedHashMap<>(keepLabels));
    Objects.requireNonNull(keepTop, "keepTop");
    if (keepLast.isPresent() && keepLast.getAsInt() < 0) {
      throw new IllegalArgumentException("keep-last must not be negative: " + keepLast.getAsInt());
    }
  }

  /** A policy that deletes no run: gc only sweeps what nothing references. */
  public static RetentionPolicy none() {
    return new RetentionPolicy(Optional.empty(), OptionalInt.empty(), Optional.empty(), Map.of());
  }

  /** Returns whether any rule is set. */
  public boolean deletesAnything() {
    return olderThan.isPresent() || keepLast.isPresent() || keepWithin.isPresent() || !keepLabels.isEmpty()
        || keepTop.isPresent();
  }

  /**
   * One run's fate.
   *
   * @param run the run
   * @param keep whether it stays
   * @param reason why, e.g. "pinned", "keep-last 5", "older than 30d"
   */
  public record Decision(Run run, boolean keep, String reason) {}

  /** Decides every run at time {@code now}; the result is newest first, one decision per run. */
  public List<Decision> select(List<Run> runs, Instant now) {
    List<Run> newestFirst = new ArrayList<>(runs);
    newestFirst.sort(Comparator.comparing(Run::id).reversed());
    Set<RunId> newest = new HashSet<>();
    if (keepLast.isPresent()) {
      newestFirst.stream().limit(keepLast.getAsInt()).forEach(r -> newest.add(r.id()));
    }
    Set<RunId> best = keepTop.isPresent() ? best(newestFirst, keepTop.get()) : Set.of();
    List<Decision> decisions = new ArrayList<>(newestFirst.size());
    for (Run run : newestFirst) {
      decisions.add(decide(run, now, newest, best));
    }
    return decisions;
  }

  /** The runs keep-top keeps: in each group, the best {@code count} that have the metric; ties to the newer. */
  private static Set<RunId> best(List<Run> newestFirst, KeepTop top) {
    Map<String, List<Run>> groups = new LinkedHashMap<>();
    for (Run run : newestFirst) {
      if (run.metrics().containsKey(top.metric())) {
        String group = top.per().map(p -> run.labels().containsKey(p) ? "=" + run.labels().get(p) : "none").orElse("all");
        groups.computeIfAbsent(group, g -> new ArrayList<>()).add(run);
      }
    }
    Comparator<Run> byMetric = Comparator.comparing(r -> r.metrics().get(top.metric()));
    Comparator<Run> bestFirst = top.lowestBest() ? byMetric : byMetric.reversed();
    Set<RunId> best = new HashSet<>();
    for (List<Run> group : groups.values()) {
      group.sort(bestFirst); // stable: among equals, the newer stays first
      group.stream().limit(top.count()).forEach(r -> best.add(r.id()));
    }
    return best;
  }

  private Decision decide(Run run, Instant now, Set<RunId> newest, Set<RunId> best) {
    Duration age = Duration.between(run.created(), now);
    if (run.pinned()) {
      return new Decision(run, true, "pinned");
    }
    if (!deletesAnything()) {
      return new Decision(run, true, "no retention rule");
    }
    if (olderThan.isPresent() && age.compareTo(olderThan.get()) <= 0) {
      return new Decision(run, true, "not older than " + Durations.human(olderThan.get()));
    }
    if (newest.contains(run.id())) {
      return new Decision(run, true, "keep-last " + keepLast.getAsInt());
    }
    if (keepWithin.isPresent() && age.compareTo(keepWithin.get()) < 0) {
      return new Decision(run, true, "keep-within " + Durations.human(keepWithin.get()));
    }
    if (best.contains(run.id())) {
      return new Decision(run, true, keepTop.get().describe(run));
    }
    for (Map.Entry<String, String> label : keepLabels.entrySet()) {
      if (label.getValue().equals(run.labels().get(label.getKey()))) {
        return new Decision(run, true, "keep-label " + label.getKey() + "=" + label.getValue());
      }
    }
    if (keepTop.isPresent()) {
      return new Decision(run, false, (run.metrics().containsKey(keepTop.get().metric()) ? "outside the " : "no metric for the ")
          + keepTop.get().describe(run) + (olderThan.isPresent() ? ", older than " + Durations.human(olderThan.get()) : ""));
    }
    return new Decision(run, false, olderThan.isPresent() ? "older than " + Durations.human(olderThan.get()) : "no keep rule matched");
  }
}
