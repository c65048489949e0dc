package io.btsnap.store.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A run ready to commit, all but its id and time: the code (its manifest and the bytes of every
 * blob it names, read once by the capture), what the run was given and what was found about it.
 * The store draws the id inside its write transaction.
 *
 * @param mode how the files were chosen
 * @param entry the entry file's path relative to {@code root}, or empty
 * @param root the project folder the run names
 * @param blobs every blob the manifest names, by id; more are ignored
 * @param minFreeBytes the free space the commit must leave on the store's file system
 */
public record RunDraft(
    CaptureMode mode,
    String entry,
    String root,
    Map<String, String> params,
    Map<String, String> labels,
    Manifest manifest,
    Map<BlobId, byte[]> blobs,
    Provenance provenance,
    Environment environment,
    long minFreeBytes) {

  public RunDraft {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(environment, "environment");
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    blobs = Collections.unmodifiableMap(new LinkedHashMap<>(blobs));
    for (ManifestEntry e : manifest.entries()) {
      if (!blobs.containsKey(e.blob())) {
        throw new IllegalArgumentException("no content for " + e.path() + " (" + e.blob().hex() + ")");
      }
    }
    if (minFreeBytes < 0) {
      throw new IllegalArgumentException("minimum free space must not be negative: " + minFreeBytes);
    }
  }
}
