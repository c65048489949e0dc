package io.btsnap.store;

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
 */
public record RetentionPolicy(
    Optional<Duration> olderThan, OptionalInt keepLast, Optional<Duration> keepWithin, Map<String, String> keepLabels) {

  /** Checks and copies the fields. */
  public RetentionPolicy {
    Objects.requireNonNull(olderThan, "olderThan");
    Objects.requireNonNull(keepLast, "keepLast");
    Objects.requireNonNull(keepWithin, "keepWithin");
    keepLabels = Collections.unmodifiableMap(new LinkedHashMap<>(keepLabels));
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
    return olderThan.isPresent() || keepLast.isPresent() || keepWithin.isPresent() || !keepLabels.isEmpty();
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
    List<Decision> decisions = new ArrayList<>(newestFirst.size());
    for (Run run : newestFirst) {
      decisions.add(decide(run, now, newest));
    }
    return decisions;
  }

  private Decision decide(Run run, Instant now, Set<RunId> newest) {
    Duration age = Duration.between(run.created(), now);
    if (run.pinned()) {
      return new Decision(run, true, "pinned");
    }
    if (!deletesAnything()) {
      return new Decision(run, true, "no retention rule");
    }
    if (olderThan.isPresent() && age.compareTo(olderThan.get()) <= 0) {
      return new Decision(run, true, "not older than " + olderThan.get());
    }
    if (newest.contains(run.id())) {
      return new Decision(run, true, "keep-last " + keepLast.getAsInt());
    }
    if (keepWithin.isPresent() && age.compareTo(keepWithin.get()) < 0) {
      return new Decision(run, true, "keep-within " + keepWithin.get());
    }
    for (Map.Entry<String, String> label : keepLabels.entrySet()) {
      if (label.getValue().equals(run.labels().get(label.getKey()))) {
        return new Decision(run, true, "keep-label " + label.getKey() + "=" + label.getValue());
      }
    }
    return new Decision(run, false, olderThan.isPresent() ? "older than " + olderThan.get() : "no keep rule matched");
  }
}
