package io.btsnap.store.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The sorted file list of one capture. Manifests are content-addressed: their id is the SHA-256
 * of {@link #canonicalText()}, so every run of unchanged code shares one manifest.
 *
 * @param id the SHA-256 of the canonical text
 * @param entries the files, sorted by path, paths unique
 */
public record Manifest(BlobId id, List<ManifestEntry> entries) {

  /** Makes the entry list immutable. */
  public Manifest {
    entries = List.copyOf(entries);
  }

  /** Builds the manifest of {@code entries}, sorting them and computing the id. */
  public static Manifest of(List<ManifestEntry> entries) {
    List<ManifestEntry> sorted = new ArrayList<>(entries);
    Collections.sort(sorted);
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i - 1).path().equals(sorted.get(i).path())) {
        throw new IllegalArgumentException("path listed twice: " + sorted.get(i).path());
      }
    }
    return new Manifest(
        BlobId.of(canonicalText(sorted).getBytes(StandardCharsets.UTF_8)), sorted);
  }

  /**
   * Returns the text the id hashes: one line per file, {@code <mode> <size> <blob> <path>}, in
   * path order. Paths hold no control characters, so the text is unambiguous. It holds only what
   * makes the code: equal ids mean identical code however the capture was invoked, and it does
   * not depend on how the index encodes manifests, so ids stay stable when that encoding changes.
   */
  public String canonicalText() {
    return canonicalText(entries);
  }

  private static String canonicalText(List<ManifestEntry> sorted) {
    StringBuilder text = new StringBuilder(sorted.size() * 96);
    for (ManifestEntry e : sorted) {
      text.append(e.executable() ? "100755 " : "100644 ")
          .append(e.size())
          .append(' ')
          .append(e.blob().hex())
          .append(' ')
          .append(e.path().value())
          .append('\n');
    }
    return text.toString();
  }

  /** Returns the entry for {@code path}, if this manifest has one. */
  public Optional<ManifestEntry> entry(String path) {
    for (ManifestEntry e : entries) {
      if (e.path().value().equals(path)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** Returns the sum of the files' sizes: what a copy of this capture would take. */
  public long totalBytes() {
    long sum = 0;
    for (ManifestEntry e : entries) {
      sum += e.size();
    }
    return sum;
  }
}
