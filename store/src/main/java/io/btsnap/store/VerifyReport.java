package io.btsnap.store;

import java.util.List;

/**
 * What {@code store verify} found.
 *
 * @param runs runs checked
 * @param manifests manifests checked
 * @param blobs blobs re-hashed
 * @param problems every breach of the invariants
 * @param reclaimable orphan files, which are not problems
 */
public record VerifyReport(
    long runs, long manifests, long blobs, List<Problem> problems, List<OrphanFile> reclaimable) {

  /** Makes the lists immutable. */
  public VerifyReport {
    problems = List.copyOf(problems);
    reclaimable = List.copyOf(reclaimable);
  }

  /** Returns whether no invariant is broken. */
  public boolean isClean() {
    return problems.isEmpty();
  }
}
