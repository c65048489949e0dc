package io.btsnap.ui.internal.page;

import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Run;
import io.btsnap.store.Store;
import io.btsnap.ui.internal.http.Html;
import io.btsnap.ui.internal.http.HttpError;
import io.btsnap.ui.internal.http.QueryString;
import io.btsnap.ui.internal.http.Reply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /sweeps/NAME?metric=M&x=P&y=Q&best=max|min}: the heatmap of a metric over two
 * parameters of a sweep, its code versions, and the metric against {@code x}, one point per run.
 */
public final class SweepPage {
  private final Store store;

  /** The page over {@code store}. */
  public SweepPage(Store store) {
    this.store = store;
  }

  /** Answers the sweep {@code name}; missing choices default to the first metric and parameters. */
  public Reply render(String name, QueryString query) throws IOException {
    Sweep sweep = Sweep.read(store, name);
    if (sweep.runs().isEmpty()) {
      throw HttpError.notFound("no runs in sweep " + name + " (capture with --sweep " + name + ")");
    }
    List<String> params = new ArrayList<>(sweep.params());
    String metric = choose(query.first("metric"), sweep.metrics(), "metric");
    String x = choose(query.first("x"), sweep.params(), "x");
    String y = query.first("y").isPresent() ? choose(query.first("y"), sweep.params(), "y")
        : params.stream().filter(p -> !p.equals(x)).findFirst().orElse("");
    String best = query.first("best").orElse("max");
    if (!best.equals("max") && !best.equals("min")) {
      throw HttpError.badRequest("best must be max or min, not '" + best + "'");
    }
    boolean max = best.equals("max");
    BlobId main = sweep.mainVersion();
    StringBuilder body = new StringBuilder();
    body.append("<p>").append(sweep.runs().size()).append(" runs, ").append(Html.text(Values.time(sweep.runs().get(0))))
        .append(" to ").append(Html.text(Values.time(sweep.runs().get(sweep.runs().size() - 1)))).append(" UTC. ")
        .append("<a href=\"/?label=").append(QueryString.encode("sweep=" + name)).append("\">its runs in the table</a></p>\n");
    versions(body, sweep);
    body.append(form(sweep, metric, x, y, best));
    body.append("<h2>").append(Html.text(metric)).append(" over ").append(Html.text(x))
        .append(y.isEmpty() ? "" : " and " + Html.text(y)).append("</h2>\n");
    body.append("<p id=\"rule\">Each cell shows and links to the run with the ").append(max ? "highest" : "lowest").append(' ')
        .append(Html.text(metric)).append(" among the cell's runs (\"best of N\": N runs share those parameters); a cell of one run says \"1 run\". ")
        .append("Outlined cells show a run whose code is not the sweep's main version <code>").append(main.shortForm())
        .append("</code>.</p>\n");
    Map<String, Map<String, Heatmap.Cell>> cells = Heatmap.cells(sweep.runs(), metric, x, y, max);
    body.append(cells.isEmpty() ? "<p class=\"muted\">no run has " + Html.text(x) + (y.isEmpty() ? "" : " and " + Html.text(y)) + "</p>"
        : Heatmap.svg(cells, metric, x, y, max, main));
    body.append("<h2>").append(Html.text(metric)).append(" against ").append(Html.text(x)).append("</h2>\n");
    body.append(Scatter.svg(sweep.runs(), metric, x, main));
    return Reply.html(Layout.page("sweep " + name, body.toString()));
  }

  private static void versions(StringBuilder body, Sweep sweep) {
    body.append("<h2>code versions</h2><table class=\"versions\" id=\"versions\"><tr><th>code</th><th class=\"num\">runs</th>"
        + "<th>first run</th><th></th></tr>");
    boolean first = true;
    for (Map.Entry<BlobId, Integer> v : sweep.versions().entrySet()) {
      Run firstRun = sweep.runs().stream().filter(r -> r.manifest().equals(v.getKey())).findFirst().orElseThrow();
      body.append("<tr><td><code>").append(v.getKey().shortForm()).append("</code></td><td class=\"num\">").append(v.getValue())
          .append("</td><td><a href=\"/runs/").append(firstRun.id().value()).append("\">").append(firstRun.id().value()).append("</a></td><td>")
          .append(first ? "main (most runs)" : "<a href=\"/compare/" + sweep.runs().stream()
              .filter(r -> r.manifest().equals(sweep.mainVersion())).findFirst().orElseThrow().id().value() + "/"
              + firstRun.id().value() + "\">diff from main</a>")
          .append("</td></tr>");
      first = false;
    }
    body.append("</table>\n");
  }

  private static String form(Sweep sweep, String metric, String x, String y, String best) {
    StringBuilder form = new StringBuilder("<form class=\"choices\" method=\"get\">");
    select(form, "metric", sweep.metrics(), metric, false);
    select(form, "x", sweep.params(), x, false);
    select(form, "y", sweep.params(), y, true);
    select(form, "best", List.of("max", "min"), best, false);
    return form.append("<button type=\"submit\">show</button></form>\n").toString();
  }

  private static void select(StringBuilder form, String name, Collection<String> options, String chosen, boolean none) {
    form.append("<label>").append(name).append(" <select name=\"").append(name).append("\" id=\"choose-").append(name).append("\">");
    if (none) {
      form.append("<option value=\"\"").append(chosen.isEmpty() ? " selected" : "").append(">(none)</option>");
    }
    for (String o : options) {
      form.append("<option").append(o.equals(chosen) ? " selected" : "").append(" value=\"").append(Html.text(o)).append("\">")
          .append(Html.text(o)).append("</option>");
    }
    form.append("</select></label> ");
  }

  /** Returns the name asked for, which must be one of {@code known}, else the first known. */
  private static String choose(Optional<String> asked, Collection<String> known, String what) {
    if (asked.isPresent()) {
      if (!known.contains(asked.get())) {
        throw HttpError.badRequest(what + " '" + asked.get() + "' is not in this sweep; it has " + String.join(", ", known));
      }
      return asked.get();
    }
    if (known.isEmpty()) {
      throw HttpError.badRequest("this sweep's runs have no " + (what.equals("metric") ? "metrics (btsnap annotate adds them)" : "parameters"));
    }
    return known.iterator().next();
  }
}
