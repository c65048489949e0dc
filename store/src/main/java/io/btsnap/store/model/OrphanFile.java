package io.btsnap.store.model;

import java.nio.file.Path;

/**
 * A file no run needs, left by an interrupted capture or gc; {@code store gc} reclaims it.
 *
 * @param file the file
 * @param bytes its size
 * @param kind what it is: "blob", "temp" or "trash"
 */
public record OrphanFile(Path file, long bytes, String kind) {
  /** Returns one line describing the file. */
  public String describe() {
    return "reclaimable " + kind + " file " + file + " (" + io.btsnap.bytes.ByteSizes.human(bytes) + ")";
  }
}
