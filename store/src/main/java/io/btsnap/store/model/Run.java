package io.btsnap.store.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The record of one capture: which code (the manifest), with which parameters and labels.
 *
 * @param id the run's id
 * @param created when the run was captured
 * @param mode how its files were selected
 * @param entry the main file, relative to the root; empty when the capture had none (files
 *     mode with no entry point)
 * @param root the project root's absolute path at capture time
 * @param params the backtest's parameters, in the order given
 * @param labels free-form labels, in the order given
 * @param pinned whether retention must keep this run
 * @param manifest the id of the run's manifest: equal ids mean identical code
 * @param provenance why each file was taken
 * @param environment the interpreter, platform, packages and git state around the code
 * @param metrics the backtest's results, set after it ran ({@code sharpe=1.42}), in the order set
 */
public record Run(
    RunId id,
    Instant created,
    CaptureMode mode,
    String entry,
    String root,
    Map<String, String> params,
    Map<String, String> labels,
    boolean pinned,
    BlobId manifest,
    Provenance provenance,
    Environment environment,
    Map<String, Double> metrics) {

  /**
   * The label that names the sweep a run belongs to ({@code capture --sweep NAME}, Python's
   * {@code sweep=}): the sweep report, the drift warning, gc's {@code --per} and the web page's
   * heatmap all group runs by it.
   */
  public static final String SWEEP_LABEL = "sweep";

  /** Copies the maps, keeping their order. */
  public Run {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(environment, "environment");
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** Returns this run with its pinned flag set to {@code value}. */
  public Run withPinned(boolean value) {
    return new Run(id, created, mode, entry, root, params, labels, value, manifest, provenance, environment, metrics);
  }

  /** Returns this run with {@code value} as its labels. */
  public Run withLabels(Map<String, String> value) {
    return new Run(id, created, mode, entry, root, params, value, pinned, manifest, provenance, environment, metrics);
  }

  /** Returns this run with {@code value} as its metrics. */
  public Run withMetrics(Map<String, Double> value) {
    return new Run(id, created, mode, entry, root, params, labels, pinned, manifest, provenance, environment, value);
  }

  /** Returns this run naming the manifest {@code value}: an old archive's id, read under today's. */
  public Run withManifest(BlobId value) {
    return new Run(id, created, mode, entry, root, params, labels, pinned, value, provenance, environment, metrics);
  }
}
