package io.btsnap.capture;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The strategy's main file and how it was found.
 *
 * @param file the file as given or detected (may be relative to the working folder)
 * @param how how it was found, e.g. {@code given}, {@code $BTSNAP_ENTRY}, or {@code parent process:
 *     python3 rsi_bb_strategy.py}; stable across the runs of one grid search
 */
public record EntryPoint(Path file, String how) {
  /** Checks the fields. */
  public EntryPoint {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(how, "how");
  }

  /** An entry point the user named. */
  public static EntryPoint given(Path file) {
    return new EntryPoint(file, "given");
  }
}
