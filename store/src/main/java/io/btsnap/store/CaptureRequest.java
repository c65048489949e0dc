package io.btsnap.store;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to capture: the main file, how to select files, the project root if given, and the
 * run's parameters and labels.
 *
 * @param entry the strategy's main file
 * @param mode how to select the files
 * @param root the project root, or empty to find it from the entry
 * @param params the backtest's parameters, in order
 * @param labels free-form labels, in order
 */
public record CaptureRequest(
    Path entry,
    CaptureMode mode,
    Optional<Path> root,
    Map<String, String> params,
    Map<String, String> labels) {

  /** Checks and copies the fields. */
  public CaptureRequest {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(root, "root");
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  /** Returns a request to capture {@code entry} alone, with no parameters or labels. */
  public static CaptureRequest of(Path entry) {
    return new CaptureRequest(entry, CaptureMode.ENTRY, Optional.empty(), Map.of(), Map.of());
  }

  /** Returns this request with {@code params}. */
  public CaptureRequest withParams(Map<String, String> value) {
    return new CaptureRequest(entry, mode, root, value, labels);
  }

  /** Returns this request with {@code labels}. */
  public CaptureRequest withLabels(Map<String, String> value) {
    return new CaptureRequest(entry, mode, root, params, value);
  }

  /** Returns this request with the project root {@code value}. */
  public CaptureRequest withRoot(Path value) {
    return new CaptureRequest(entry, mode, Optional.of(value), params, labels);
  }

  /** Returns this request with the selection mode {@code value}. */
  public CaptureRequest withMode(CaptureMode value) {
    return new CaptureRequest(entry, value, root, params, labels);
  }
}
