package io.btsnap.store.model;

import java.util.List;

/**
 * What an import added.
 *
 * @param imported runs added
 * @param skipped runs already in the store, left as they were
 */
public record ImportResult(List<RunId> imported, List<RunId> skipped) {
  /** Makes the lists immutable. */
  public ImportResult {
    imported = List.copyOf(imported);
    skipped = List.copyOf(skipped);
  }
}
