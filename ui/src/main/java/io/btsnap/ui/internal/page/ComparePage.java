package io.btsnap.ui.internal.page;

import io.btsnap.diff.UnifiedDiff;
import io.btsnap.store.model.Environment;
import io.btsnap.store.model.FileChange;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunDiff;
import io.btsnap.store.Store;
import io.btsnap.store.query.MetricText;
import io.btsnap.ui.internal.http.Html;
import io.btsnap.ui.internal.http.Reply;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code /compare/A/B}: what differs from run A to run B: parameters, metrics and environment,
 * then the code: every changed file with its changed lines, added and removed files named.
 */
public final class ComparePage {
  private final Store store;

  /** The page over {@code store}. */
  public ComparePage(Store store) {
    this.store = store;
  }

  /** Answers {@code /compare/A/B}, both resolved as the CLI resolves run ids. */
  public Reply render(String refA, String refB) throws IOException {
    Run a = Pages.run(store, refA);
    Run b = Pages.run(store, refB);
    RunDiff diff = store.diff(a, b);
    StringBuilder body = new StringBuilder();
    body.append("<p>from <a id=\"run-a\" href=\"/runs/").append(a.id().value()).append("\">").append(a.id().value())
        .append("</a> (code <code>").append(a.manifest().shortForm()).append("</code>) to <a id=\"run-b\" href=\"/runs/")
        .append(b.id().value()).append("\">").append(b.id().value()).append("</a> (code <code>").append(b.manifest().shortForm())
        .append("</code>)</p>\n<div class=\"columns\">");
    values(body, "params", "parameters", a.params(), b.params(), Function.identity());
    values(body, "metrics", "metrics", a.metrics(), b.metrics(), MetricText::format);
    values(body, "labels", "labels", a.labels(), b.labels(), Function.identity());
    body.append("</div>\n<h2>environment</h2>");
    List<Environment.Change> env = a.environment().changesTo(b.environment());
    if (env.isEmpty()) {
      body.append("<p class=\"muted\" id=\"environment\">no differences</p>\n");
    } else {
      body.append("<table class=\"kv diff-values\" id=\"environment\"><tr><th></th><th>A</th><th>B</th></tr>");
      for (Environment.Change c : env) {
        body.append("<tr class=\"changed\"><th>").append(Html.text(c.key())).append("</th><td>").append(shown(c.before()))
            .append("</td><td>").append(shown(c.after())).append("</td></tr>");
      }
      body.append("</table>\n");
    }
    body.append("<h2>code</h2>\n");
    if (diff.changes().isEmpty()) {
      body.append("<p id=\"same-code\">same code: both runs have manifest <code>").append(a.manifest().shortForm()).append("</code></p>\n");
    }
    body.append("<ul class=\"changes\" id=\"changes\">");
    for (FileChange c : diff.changes()) {
      body.append("<li class=\"").append(c.kind().name().toLowerCase(java.util.Locale.ROOT)).append("\"><a href=\"#f-")
          .append(Html.text(c.path())).append("\">").append(c.kind() == FileChange.Kind.ADDED ? "added" : c.kind() == FileChange.Kind.REMOVED ? "removed" : "changed")
          .append(' ').append(Html.text(c.path())).append("</a></li>");
    }
    body.append("</ul>\n");
    for (FileChange c : diff.changes()) {
      file(body, diff, c);
    }
    return Reply.html(Layout.page("compare " + a.id().value() + " → " + b.id().value(), body.toString()));
  }

  private void file(StringBuilder body, RunDiff diff, FileChange c) throws IOException {
    body.append("<section class=\"file-diff\" id=\"f-").append(Html.text(c.path())).append("\" data-path=\"").append(Html.text(c.path()))
        .append("\"><h3>").append(Html.text(c.path())).append(" <span class=\"muted\">")
        .append(c.kind() == FileChange.Kind.ADDED ? "added in B" : c.kind() == FileChange.Kind.REMOVED ? "removed in B" : "changed")
        .append("</span></h3>");
    long size = Math.max(c.before().map(e -> e.size()).orElse(0L), c.after().map(e -> e.size()).orElse(0L));
    if (size > FileTree.MAX_SHOWN) {
      // A data file's diff would make the page unusable; the CLI prints it.
      body.append("<p class=\"muted\">too large to show here: btsnap diff --patch ").append(diff.from().id().value()).append(' ')
          .append(diff.to().id().value()).append("</p></section>\n");
      return;
    }
    byte[] before = c.before().isPresent() ? store.blob(c.before().get().blob()) : null;
    byte[] after = c.after().isPresent() ? store.blob(c.after().get().blob()) : null;
    if (before != null && after != null && c.before().get().blob().equals(c.after().get().blob())) {
      body.append("<p>executable bit ").append(c.after().get().executable() ? "set" : "cleared").append("</p></section>\n");
      return;
    }
    // Each line is a block of its own: no newline between them, or the pre would show it twice.
    body.append("<pre class=\"diff\">");
    String patch = UnifiedDiff.patch(c.path(), before, after);
    for (String line : patch.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      String kind = line.startsWith("+++") || line.startsWith("---") ? "meta" : line.startsWith("@@") ? "hunk"
          : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : line.startsWith(" ") ? "ctx" : "meta";
      body.append("<span class=\"").append(kind).append("\">").append(Html.text(line)).append("</span>");
    }
    body.append("</pre></section>\n");
  }

  private static <V> void values(StringBuilder out, String id, String title, Map<String, V> a, Map<String, V> b,
      Function<V, String> text) {
    Set<String> keys = new LinkedHashSet<>(a.keySet());
    keys.addAll(b.keySet());
    out.append("<section><h2>").append(title).append("</h2>");
    if (keys.isEmpty()) {
      out.append("<p class=\"muted\">none</p></section>");
      return;
    }
    out.append("<table class=\"kv diff-values\" id=\"").append(id).append("\"><tr><th></th><th>A</th><th>B</th></tr>");
    for (String k : keys) {
      V va = a.get(k);
      V vb = b.get(k);
      out.append("<tr").append(Objects.equals(va, vb) ? "" : " class=\"changed\"").append("><th>").append(Html.text(k))
          .append("</th><td>").append(shown(va == null ? null : text.apply(va))).append("</td><td>")
          .append(shown(vb == null ? null : text.apply(vb))).append("</td></tr>");
    }
    out.append("</table></section>");
  }

  private static String shown(String value) {
    return value == null ? "<span class=\"muted\">(none)</span>" : Html.text(value);
  }
}
