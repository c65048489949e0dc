package io.btsnap.ui.internal.page;

import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.Run;
import io.btsnap.store.Store;
import io.btsnap.ui.internal.http.Html;
import io.btsnap.ui.internal.http.Reply;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /runs/ID}: one run's parameters, metrics, labels and environment, its files with their
 * source, and the {@code btsnap restore} command that brings them back.
 */
public final class RunDetailPage {
  private final Store store;
  private final Optional<Path> storeFlag;

  /** The page over {@code store}; {@code storeFlag}, when present, is the {@code --store} a command needs. */
  public RunDetailPage(Store store, Optional<Path> storeFlag) {
    this.store = store;
    this.storeFlag = storeFlag;
  }

  /** Answers {@code /runs/REF}, REF resolved as the CLI resolves it. */
  public Reply render(String ref) throws IOException {
    Run run = Pages.run(store, ref);
    Manifest manifest = store.manifest(run);
    String id = run.id().value();
    StringBuilder body = new StringBuilder();
    body.append("<dl class=\"facts\">");
    fact(body, "id", "<code id=\"run-id\">" + id + "</code>");
    fact(body, "created", Html.text(Values.time(run)) + " UTC");
    fact(body, "entry", Html.text(run.entry().isEmpty() ? "(none)" : run.entry()) + " <span class=\"muted\">mode "
        + Html.text(run.mode().toString().toLowerCase(java.util.Locale.ROOT)) + "</span>");
    fact(body, "root", Html.text(run.root()));
    fact(body, "code", "<code>" + run.manifest().shortForm() + "</code> <span class=\"muted\">" + manifest.entries().size()
        + " files, " + manifest.totalBytes() + " B</span>");
    fact(body, "pinned", run.pinned() ? "yes" : "no");
    body.append("</dl>\n");
    String restore = "btsnap " + storeFlag.map(p -> "--store " + Pages.shellWord(p.toString()) + " ").orElse("")
        + "restore " + id + " " + Pages.shellWord("./" + id);
    body.append("<p class=\"restore\">restore its files: <code id=\"restore\">").append(Html.text(restore))
        .append("</code> <button type=\"button\" class=\"copy\" data-copy=\"").append(Html.text(restore))
        .append("\">copy</button></p>\n");
    body.append("<form class=\"compare\" method=\"get\" action=\"/compare\"><input type=\"hidden\" name=\"a\" value=\"")
        .append(id).append("\"><label>compare with run <input name=\"b\" placeholder=\"id, prefix or latest\"></label>")
        .append(" <button type=\"submit\">compare</button></form>\n");
    body.append("<div class=\"columns\">");
    table(body, "params", "parameters", run.params());
    body.append(Pages.metricsTable(run.metrics()));
    table(body, "labels", "labels", run.labels());
    body.append("</div>\n");
    environment(body, run);
    body.append("<h2>files</h2>\n").append(FileTree.of(store, run, manifest.entries()));
    return Reply.html(Layout.page("run " + id, body.toString()));
  }

  private static void fact(StringBuilder out, String name, String html) {
    out.append("<dt>").append(name).append("</dt><dd>").append(html).append("</dd>");
  }

  private static void table(StringBuilder out, String id, String title, Map<String, String> values) {
    out.append("<section><h2>").append(title).append("</h2>");
    if (values.isEmpty()) {
      out.append("<p class=\"muted\">none</p></section>");
      return;
    }
    out.append("<table class=\"kv\" id=\"").append(id).append("\">");
    values.forEach((k, v) -> out.append("<tr><th>").append(Html.text(k)).append("</th><td>").append(Html.text(v)).append("</td></tr>"));
    out.append("</table></section>");
  }

  private static void environment(StringBuilder out, Run run) {
    out.append("<h2>environment</h2>");
    if (run.environment().isEmpty()) {
      out.append("<p class=\"muted\">not recorded</p>\n");
      return;
    }
    out.append("<p>").append(Html.text(run.environment().summary())).append("</p><table class=\"kv\" id=\"environment\">");
    int packages = 0;
    StringBuilder pkgs = new StringBuilder();
    for (Map.Entry<String, String> e : run.environment().values().entrySet()) {
      if (e.getKey().startsWith(io.btsnap.store.model.Environment.PACKAGE)) {
        packages++;
        pkgs.append(Html.text(e.getKey().substring(io.btsnap.store.model.Environment.PACKAGE.length()))).append(' ')
            .append(Html.text(e.getValue())).append('\n');
      } else {
        out.append("<tr><th>").append(Html.text(e.getKey())).append("</th><td>").append(Html.text(e.getValue())).append("</td></tr>");
      }
    }
    out.append("</table>");
    if (packages > 0) {
      out.append("<details><summary>").append(packages).append(packages == 1 ? " package" : " packages").append("</summary><pre>").append(pkgs).append("</pre></details>");
    }
    out.append('\n');
  }
}
