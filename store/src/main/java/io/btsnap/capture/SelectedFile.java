package io.btsnap.capture;

import java.nio.file.Path;

/**
 * One file a capture takes.
 *
 * @param path its path in the manifest, relative to the root
 * @param source where it is read from
 * @param reason why it was selected, for {@code --explain} and {@code show}
 * @param origin how it was selected, which decides the guards it passes
 */
public record SelectedFile(RelativePath path, Path source, String reason, Origin origin) {
  /** How a file was selected. */
  public enum Origin {
    /** The entry point, given or detected. */
    ENTRY,
    /** Found by import analysis. */
    IMPORTED,
    /** Listed by its exact path in strategy.yaml: the user's explicit choice. */
    LISTED,
    /** Matched by a glob in strategy.yaml. */
    MATCHED;

    /** Whether the user named this very file, so guards against accidents warn instead of refusing. */
    public boolean isExplicit() {
      return this == ENTRY || this == LISTED;
    }
  }
}
