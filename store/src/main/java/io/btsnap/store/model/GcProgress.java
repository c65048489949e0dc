package io.btsnap.store.model;

/** Receives gc progress, for a progress line; called from the thread running gc. */
@FunctionalInterface
public interface GcProgress {
  /** Ignores progress. */
  GcProgress NONE = (phase, done, total) -> {};

  /** Reports that {@code done} of {@code total} items of {@code phase} are finished. */
  void update(String phase, long done, long total);
}
