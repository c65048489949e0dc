package io.btsnap.capture;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The strategy's main file and how it was found.
 *
 * @param file the file as given or detected (may be relative to the working folder)
 * @param how how it was found, e.g. {@code given}, {@code $BTSNAP_ENTRY}, or {@code parent process:
 *     python3 rsi_bb_strategy.py}; stable across the runs of one grid search
 * @param launch how its Python process was started, when a detector saw that process
 */
public record EntryPoint(Path file, String how, Optional<Launch> launch) {
  /** Checks the fields. */
  public EntryPoint {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(how, "how");
    Objects.requireNonNull(launch, "launch");
  }

  /** An entry point found without seeing the process that runs it. */
  public EntryPoint(Path file, String how) {
    this(file, how, Optional.empty());
  }

  /** An entry point the user named. */
  public static EntryPoint given(Path file) {
    return new EntryPoint(file, "given");
  }
}
