package io.btsnap.capture;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Finds the strategy's main file when the user did not name it. */
@FunctionalInterface
public interface EntryPointDetector {
  /** The message when no detector finds an entry point and no strategy.yaml lists files. */
  String NOT_DETECTED = "entry point not detected: pass the main file, set $BTSNAP_ENTRY, or list files in strategy.yaml";

  /** Returns the entry point, or empty when this detector can't tell. */
  Optional<EntryPoint> detect() throws IOException;

  /** Returns a detector that asks {@code detectors} in order and takes the first answer. */
  static EntryPointDetector firstOf(List<EntryPointDetector> detectors) {
    return () -> {
      for (EntryPointDetector d : detectors) {
        Optional<EntryPoint> found = d.detect();
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    };
  }
}
