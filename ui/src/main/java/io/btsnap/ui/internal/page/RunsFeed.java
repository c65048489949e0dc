package io.btsnap.ui.internal.page;

import io.btsnap.json.Json;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import io.btsnap.store.Store;
import io.btsnap.store.query.RunQuery;
import io.btsnap.ui.internal.http.HttpError;
import io.btsnap.ui.internal.http.QueryString;
import io.btsnap.ui.internal.http.Reply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/runs?after=ID}: the runs newer than {@code ID} that the page's filters match,
 * newest first, as the cells the runs table shows. The open runs page asks every two seconds,
 * so a sweep's runs appear while it runs. The walk stops at {@code ID}: a poll reads only what
 * is new, not the store.
 */
public final class RunsFeed {
  /** New runs sent at most per poll; the page offers a reload beyond it. */
  static final int MAX_RUNS = 500;

  private final Store store;

  /** The feed of {@code store}. */
  public RunsFeed(Store store) {
    this.store = store;
  }

  /** Answers one poll. */
  public Reply render(QueryString query) throws IOException {
    Optional<RunId> after = query.first("after").map(text -> {
      if (!RunId.isWellFormed(text)) {
        throw HttpError.badRequest("after must be a run id: '" + text + "'");
      }
      return RunId.parse(text);
    });
    RunQuery filter;
    try {
      filter = RunsPage.filter(query);
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest(e.getMessage());
    }
    List<Object> runs = new ArrayList<>();
    boolean[] more = {false};
    try {
      store.forEachRun(run -> {
        if (after.isPresent() && run.id().compareTo(after.get()) <= 0) {
          throw new Enough();
        }
        if (filter.matches(run)) {
          if (runs.size() == MAX_RUNS) {
            more[0] = true;
            throw new Enough();
          }
          runs.add(item(run));
        }
      });
    } catch (Enough e) {
      // reached the newest run the page shows
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("runs", runs);
    json.put("more", more[0]);
    return Reply.json(Json.writeCompact(json)).withHeader("Cache-Control", "no-store");
  }

  private static Map<String, Object> item(Run run) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("id", run.id().value());
    item.put("cells", RunColumns.cells(run));
    return item;
  }

  /** Ends the walk. */
  private static final class Enough extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Enough() {
      super(null, null, false, false);
    }
  }
}
