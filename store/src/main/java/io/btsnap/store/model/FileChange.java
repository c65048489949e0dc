package io.btsnap.store.model;

import java.util.Optional;

/**
 * One path that differs between two runs.
 *
 * @param path the path
 * @param kind added, removed or changed
 * @param before its entry in the first run, if it has one
 * @param after its entry in the second run, if it has one
 */
public record FileChange(
    String path, Kind kind, Optional<ManifestEntry> before, Optional<ManifestEntry> after) {

  /** How a path differs. */
  public enum Kind {
    /** Only in the second run. */
    ADDED,
    /** Only in the first run. */
    REMOVED,
    /** In both, with other content or another executable bit. */
    CHANGED;

    /** Returns the letter diff listings show: A, D or M. */
    public String letter() {
      return switch (this) {
        case ADDED -> "A";
        case REMOVED -> "D";
        case CHANGED -> "M";
      };
    }
  }
}
