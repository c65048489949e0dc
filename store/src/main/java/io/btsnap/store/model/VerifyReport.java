package io.btsnap.store.model;

import java.util.List;

/**
 * What {@code store verify} found.
 *
 * @param runs runs checked
 * @param manifests manifests checked
 * @param blobs blobs re-hashed
 * @param problems every breach of the invariants
 * @param reclaimable orphan files, which are not problems
 * @param inTrash listed blobs whose file is in {@code trash/}, where a gc that died before its
 *     commit left it: readable there, and put back by the next gc or capture; not a problem
 * @param engineEntries runs whose entry is an engine's or the interpreter's file; the store is
 *     intact, so not a problem
 */
public record VerifyReport(
    long runs, long manifests, long blobs, List<Problem> problems, List<OrphanFile> reclaimable, List<BlobId> inTrash,
    List<EngineEntry> engineEntries) {

  /** Makes the lists immutable. */
  public VerifyReport {
    problems = List.copyOf(problems);
    reclaimable = List.copyOf(reclaimable);
    inTrash = List.copyOf(inTrash);
    engineEntries = List.copyOf(engineEntries);
  }

  /** Returns whether no invariant is broken. */
  public boolean isClean() {
    return problems.isEmpty();
  }
}
