package io.btsnap.store.query;

import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import io.btsnap.store.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runs a query matches, read page after page from where the last page ended: what a client
 * that reads them all needs (the service's listings for Python), where {@link RunPage} serves a
 * table that jumps to any page and counts the whole. Each page reads only as far as it must.
 */
public final class QueryCursor {
  /** Runs read per transaction: short enough that a slow reader never holds one long. */
  private static final int BATCH = 4096;

  private QueryCursor() {}

  /**
   * Returns up to {@code limit} runs that {@code query} matches, newest first, starting below
   * {@code after} when given; fewer than {@code limit} means the listing ends there.
   */
  public static List<Run> next(Store store, RunQuery query, Optional<RunId> after, int limit) throws IOException {
    List<Run> page = new ArrayList<>();
    Optional<RunId> from = after;
    while (page.size() < limit) {
      List<Run> batch = store.runsNewestFirst(from, BATCH);
      for (Run run : batch) {
        if (page.size() < limit && query.matches(run)) {
          page.add(run);
        }
      }
      if (batch.size() < BATCH) {
        break;
      }
      from = Optional.of(batch.get(batch.size() - 1).id());
    }
    return page;
  }
}
