package io.btsnap.store;

import io.btsnap.capture.RelativePath;
import java.util.Objects;

/**
 * One file of a manifest.
 *
 * @param path the file's path relative to the project root
 * @param blob the id of the file's content
 * @param size the file's size in bytes
 * @param executable whether the file's owner may execute it
 * @param reason why the capture took the file: the entry point, an import chain, a yaml line
 */
public record ManifestEntry(RelativePath path, BlobId blob, long size, boolean executable, String reason)
    implements Comparable<ManifestEntry> {

  /** Checks the entry's fields. */
  public ManifestEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(blob, "blob");
    Objects.requireNonNull(reason, "reason");
    if (reason.chars().anyMatch(c -> c < 0x20)) {
      throw new IllegalArgumentException("reason of " + path + " has a control character");
    }
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size + " for " + path);
    }
  }

  @Override
  public int compareTo(ManifestEntry other) {
    return path.compareTo(other.path);
  }
}
