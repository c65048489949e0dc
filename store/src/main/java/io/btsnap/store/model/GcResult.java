package io.btsnap.store.model;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code store gc} deleted, or with {@code dryRun} would delete.
 *
 * @param dryRun whether nothing was changed
 * @param runs the runs deleted
 * @param manifests the manifests no remaining run references
 * @param blobs the blobs no remaining manifest references
 * @param orphans files nothing references (blob, temp and trash files past the grace period)
 * @param bytesFreed the bytes of the deleted blob and orphan files
 * @param decisions the retention policy's decision on every run, with its reason, newest first
 */
public record GcResult(
    boolean dryRun, List<RunId> runs, List<BlobId> manifests, List<BlobId> blobs, List<OrphanFile> orphans, long bytesFreed,
    List<RetentionPolicy.Decision> decisions) {
  /** Makes the lists immutable. */
  public GcResult {
    runs = List.copyOf(runs);
    manifests = List.copyOf(manifests);
    blobs = List.copyOf(blobs);
    orphans = List.copyOf(orphans);
    decisions = List.copyOf(decisions);
  }

  /** Returns the orphan files' paths. */
  public List<Path> orphanPaths() {
    return orphans.stream().map(OrphanFile::file).toList();
  }
}
