package io.btsnap.ui.internal.page;

import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunNotFoundException;
import io.btsnap.store.Store;
import io.btsnap.ui.internal.http.Html;
import io.btsnap.ui.internal.http.HttpError;
import java.io.IOException;
import java.util.Map;

/** What several pages share: resolving a run, quoting for a shell, the metrics table. */
final class Pages {
  private Pages() {}

  /** Returns the run {@code ref} names (full id, unique prefix or suffix, latest); 404 otherwise. */
  static Run run(Store store, String ref) throws IOException {
    try {
      return store.run(ref);
    } catch (RunNotFoundException e) {
      throw HttpError.notFound(e.getMessage());
    }
  }

  /** Returns {@code word} as one shell word: bare when it is plain, single-quoted otherwise. */
  static String shellWord(String word) {
    if (word.matches("[A-Za-z0-9_./:=@%+-]+")) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** Returns the metrics section of a run. */
  static String metricsTable(Map<String, Double> metrics) {
    StringBuilder out = new StringBuilder("<section><h2>metrics</h2>");
    if (metrics.isEmpty()) {
      return out.append("<p class=\"muted\">none</p></section>").toString();
    }
    out.append("<table class=\"kv\" id=\"metrics\">");
    metrics.forEach((k, v) -> out.append("<tr><th>").append(Html.text(k)).append("</th><td class=\"num\">")
        .append(Html.text(io.btsnap.store.query.MetricText.format(v))).append("</td></tr>"));
    return out.append("</table></section>").toString();
  }
}
