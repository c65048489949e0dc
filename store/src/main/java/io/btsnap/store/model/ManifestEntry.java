package io.btsnap.store.model;

import java.util.Objects;

/**
 * One file of a manifest: what identifies its code, and nothing else. Why the file was taken
 * is the run's {@link Provenance}.
 *
 * @param path the file's path relative to the project root
 * @param blob the id of the file's content
 * @param size the file's size in bytes
 * @param executable whether the file's owner may execute it
 */
public record ManifestEntry(RelativePath path, BlobId blob, long size, boolean executable)
    implements Comparable<ManifestEntry> {

  /** Checks the entry's fields. */
  public ManifestEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(blob, "blob");
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size + " for " + path);
    }
  }

  @Override
  public int compareTo(ManifestEntry other) {
    return path.compareTo(other.path);
  }
}
