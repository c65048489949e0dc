package io.btsnap.ui.internal.page;

import io.btsnap.json.Json;
import io.btsnap.store.model.Run;
import io.btsnap.store.Store;
import io.btsnap.store.query.RunPage;
import io.btsnap.store.query.RunQuery;
import io.btsnap.ui.internal.http.Html;
import io.btsnap.ui.internal.http.HttpError;
import io.btsnap.ui.internal.http.QueryString;
import io.btsnap.ui.internal.http.Reply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /}: the runs, newest first or sorted by any column, filtered as {@code btsnap ls} does
 * ({@code label}, {@code param}, {@code where}), one page at a time from the server.
 */
public final class RunsPage {
  /** Runs per page. */
  public static final int PAGE_SIZE = 50;

  private final Store store;

  /** The page over {@code store}. */
  public RunsPage(Store store) {
    this.store = store;
  }

  /** Answers {@code /?label=K=V&param=K=V&where=COND&sort=KEY&dir=asc|desc&page=N}. */
  public Reply render(QueryString query) throws IOException {
    String sort = query.first("sort").orElse("created");
    boolean descending = !query.first("dir").orElse(sort.equals("created") ? "desc" : "asc").equals("asc");
    int page = pageNumber(query);
    RunQuery filter;
    try {
      filter = filter(query);
    } catch (IllegalArgumentException e) {
      return Reply.html(400, Layout.page("runs", filterForm(query) + "<p class=\"error\">" + Html.text(e.getMessage()) + "</p>"));
    }
    Optional<Comparator<Run>> order = RunColumns.order(sort, descending);
    long started = System.nanoTime();
    RunPage runs = RunPage.read(store, filter, order, (page - 1) * PAGE_SIZE, PAGE_SIZE);
    long millis = (System.nanoTime() - started) / 1_000_000;
    List<String> columns = RunColumns.keys(runs.params(), runs.metrics());
    StringBuilder body = new StringBuilder(filterForm(query));
    int first = runs.total() == 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
    int last = (page - 1) * PAGE_SIZE + runs.runs().size();
    body.append("<p class=\"count\">runs <span id=\"first\">").append(first).append("</span>–<span id=\"last\">")
        .append(last).append("</span> of <span id=\"total\">").append(runs.total()).append("</span>")
        .append(" <span class=\"muted\">(read in ").append(millis).append(" ms)</span></p>\n");
    body.append(pager(query, page, runs.total()));
    boolean live = page == 1 && order.isEmpty();
    body.append("<table class=\"runs\" id=\"runs\" data-columns=\"").append(Html.text(Json.writeCompact(columns)))
        .append("\" data-newest=\"").append(runs.runs().isEmpty() ? "" : runs.runs().get(0).id().value()).append("\"")
        .append(live ? " data-live=\"/api/runs" + Html.text(feedQuery(query)) + "\"" : "").append("><thead><tr>");
    for (String key : columns) {
      boolean current = key.equals(sort);
      String dir = current && !descending ? "desc" : "asc";
      String href = query.changed(Map.of("sort", key, "dir", dir), "page");
      body.append("<th class=\"").append(RunColumns.numeric(key) ? "num" : "").append(current ? " sorted" : "")
          .append("\"><a href=\"").append(Html.text(href)).append("\" data-key=\"").append(Html.text(key)).append("\">")
          .append(Html.text(RunColumns.title(key)))
          .append(current ? (descending ? " ▼" : " ▲") : "").append("</a></th>");
    }
    body.append("</tr></thead><tbody>\n");
    for (Run run : runs.runs()) {
      row(body, run, columns);
    }
    body.append("</tbody></table>\n");
    if (runs.total() == 0) {
      body.append("<p class=\"muted\" id=\"empty\">no runs match</p>");
    }
    body.append(pager(query, page, runs.total()));
    return Reply.html(Layout.page("runs", body.toString()));
  }

  /**
   * Returns the filter of {@code query}'s {@code label}, {@code param} and {@code where} fields,
   * shared with the live feed; throws {@link IllegalArgumentException} with the user's message.
   */
  static RunQuery filter(QueryString query) {
    return RunQuery.of(pairs("label", query.all("label")), pairs("param", query.all("param")), split(query.all("where")), null);
  }

  /** Returns the query the live feed needs: the filters alone. */
  private static String feedQuery(QueryString query) {
    StringBuilder out = new StringBuilder();
    for (String name : List.of("label", "param", "where")) {
      for (String v : query.all(name)) {
        out.append(out.length() == 0 ? '?' : '&').append(name).append('=').append(QueryString.encode(v));
      }
    }
    return out.toString();
  }

  private static void row(StringBuilder body, Run run, List<String> columns) {
    Map<String, String> cells = RunColumns.cells(run);
    body.append("<tr data-id=\"").append(run.id().value()).append("\">");
    for (String key : columns) {
      String text = cells.getOrDefault(key, "");
      body.append("<td").append(RunColumns.numeric(key) ? " class=\"num\"" : "").append(">");
      if (key.equals("id")) {
        body.append("<a href=\"/runs/").append(Html.segment(text)).append("\">").append(Html.text(text)).append("</a>");
      } else if (key.equals("labels")) {
        labels(body, run);
      } else {
        body.append(Html.text(text));
      }
      body.append("</td>");
    }
    body.append("</tr>\n");
  }

  private static void labels(StringBuilder body, Run run) {
    String sep = "";
    for (Map.Entry<String, String> l : run.labels().entrySet()) {
      body.append(sep);
      sep = " ";
      String text = Html.text(l.getKey() + "=" + l.getValue());
      if (l.getKey().equals(Run.SWEEP_LABEL)) {
        body.append("<a href=\"/sweeps/").append(Html.segment(l.getValue())).append("\">").append(text).append("</a>");
      } else {
        body.append(text);
      }
    }
  }

  private static String filterForm(QueryString query) {
    StringBuilder form = new StringBuilder("<form class=\"filters\" method=\"get\" action=\"/\">");
    input(form, "label", "label", "sweep=rsi_bb", query);
    input(form, "param", "param", "rsi_period=14", query);
    input(form, "where", "where", "sharpe>1, max_dd>-0.2", query);
    for (String keep : List.of("sort", "dir")) {
      Optional<String> v = query.first(keep);
      if (v.isPresent()) {
        form.append("<input type=\"hidden\" name=\"").append(keep).append("\" value=\"").append(Html.text(v.get())).append("\">");
      }
    }
    form.append("<button type=\"submit\">filter</button> <a href=\"/\">clear</a></form>\n");
    return form.toString();
  }

  private static void input(StringBuilder form, String name, String label, String example, QueryString query) {
    form.append("<label>").append(label).append(" <input name=\"").append(name).append("\" id=\"filter-").append(name)
        .append("\" placeholder=\"").append(Html.text(example)).append("\" value=\"")
        .append(Html.text(String.join(", ", query.all(name)))).append("\"></label> ");
  }

  private static String pager(QueryString query, int page, int total) {
    int pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
    StringBuilder out = new StringBuilder("<nav class=\"pager\">");
    if (page > 1) {
      out.append("<a rel=\"prev\" href=\"").append(Html.text(query.with("page", Integer.toString(page - 1)))).append("\">← newer</a> ");
    }
    out.append("page ").append(page).append(" of ").append(pages);
    if (page < pages) {
      out.append(" <a rel=\"next\" href=\"").append(Html.text(query.with("page", Integer.toString(page + 1)))).append("\">next →</a>");
    }
    return out.append("</nav>\n").toString();
  }

  private static int pageNumber(QueryString query) {
    String text = query.first("page").orElse("1");
    try {
      int page = Integer.parseInt(text);
      if (page >= 1 && page <= 10_000_000) {
        return page;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw HttpError.badRequest("page must be a number from 1: '" + text + "'");
  }

  /** Reads {@code KEY=VALUE} filters; several may share one field, separated by commas. */
  private static Map<String, String> pairs(String name, List<String> values) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String value : split(values)) {
      int eq = value.indexOf('=');
      if (eq <= 0 || value.substring(0, eq).isBlank()) {
        throw new IllegalArgumentException(name + " needs KEY=VALUE with a non-empty KEY: '" + value + "'");
      }
      map.put(value.substring(0, eq).strip(), value.substring(eq + 1).strip());
    }
    return map;
  }

  private static List<String> split(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    }
    return out;
  }
}
