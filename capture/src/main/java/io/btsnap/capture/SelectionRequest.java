package io.btsnap.capture;

import io.btsnap.store.model.CaptureMode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to select: the entry (if known) and the options that steer the selection.
 *
 * @param entry the strategy's main file, if known
 * @param mode the selection mode; empty to take it from strategy.yaml, else entry mode
 * @param config the strategy.yaml to use; empty to look for one
 * @param root the project root; empty to find it
 * @param workingDir the folder relative paths start from
 * @param maxFiles the most files strategy.yaml's globs may select; more refuses the selection
 * @param loaded module files the running process loaded, with their module names
 * @param generated files the client sent with their content, by absolute path (the entry may be
 *     one of them); they need not exist on disk
 */
public record SelectionRequest(
    Optional<EntryPoint> entry, Optional<CaptureMode> mode, Optional<Path> config, Optional<Path> root, Path workingDir,
    int maxFiles, Map<Path, String> loaded, Map<Path, byte[]> generated) {
  /** Checks the fields. */
  public SelectionRequest {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(workingDir, "workingDir");
    loaded = Map.copyOf(loaded);
    generated = Map.copyOf(generated);
    if (maxFiles <= 0) {
      throw new IllegalArgumentException("maximum file count must be positive: " + maxFiles);
    }
  }
}
