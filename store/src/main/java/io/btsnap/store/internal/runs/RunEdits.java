package io.btsnap.store.internal.runs;

import io.btsnap.store.internal.index.IndexWriter;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunNotFoundException;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The changes a run takes after its capture (metrics, labels, its pin), checked before any
 * transaction and applied to the run as the write transaction finds it, so two processes
 * annotating one run at once both keep their values.
 */
public final class RunEdits {
  private RunEdits() {}

  /** Refuses a metric name with {@code =} or none, and a value that is not a finite number. */
  public static void checkMetrics(Map<String, Double> values) {
    for (Map.Entry<String, Double> e : values.entrySet()) {
      checkKey("metric", e.getKey());
      if (e.getValue() == null || !Double.isFinite(e.getValue())) {
        throw new IllegalArgumentException("metric " + e.getKey() + " must be a finite number, not " + e.getValue());
      }
    }
  }

  /** Refuses a label name with {@code =} or none. */
  public static void checkLabels(Map<String, String> set) {
    set.keySet().forEach(k -> checkKey("label", k));
  }

  /** Returns {@code run} with {@code values} added to its metrics. */
  public static Run annotated(Run run, Map<String, Double> values) {
    Map<String, Double> metrics = new LinkedHashMap<>(run.metrics());
    metrics.putAll(values);
    return run.withMetrics(metrics);
  }

  /** Returns {@code run} without the labels {@code remove} and with {@code set}. */
  public static Run relabeled(Run run, Map<String, String> set, Collection<String> remove) {
    Map<String, String> labels = new LinkedHashMap<>(run.labels());
    labels.keySet().removeAll(remove);
    labels.putAll(set);
    return run.withLabels(labels);
  }

  /** Rewrites {@code run}, as this transaction reads it, as {@code change} says; returns it. */
  public static Run rewrite(IndexWriter writer, Run run, String ref, UnaryOperator<Run> change) throws IOException {
    Run current = writer.run(run.id()).orElseThrow(() -> new RunNotFoundException(ref, "run " + run.id() + " was deleted"));
    Run changed = change.apply(current);
    writer.putRun(changed);
    return changed;
  }

  private static void checkKey(String what, String key) {
    if (key == null || key.isBlank() || key.contains("=")) {
      throw new IllegalArgumentException(what + " name must be non-empty and without '=': '" + key + "'");
    }
  }
}
