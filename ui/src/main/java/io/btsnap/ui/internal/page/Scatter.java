package io.btsnap.ui.internal.page;

import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Run;
import io.btsnap.store.query.MetricText;
import io.btsnap.ui.internal.http.Html;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A metric against one parameter, one point per run, as SVG. Numeric parameters are placed by
 * value; any other gives evenly spaced categories in the heatmap's order.
 */
final class Scatter {
  private static final int W = 720;
  private static final int H = 300;
  private static final int LEFT = 84;
  private static final int RIGHT = 20;
  private static final int TOP = 14;
  private static final int BOTTOM = 46;

  private Scatter() {}

  /** Returns the chart of {@code metric} over parameter {@code x} for {@code runs}. */
  static String svg(List<Run> runs, String metric, String x, BlobId main) {
    List<Run> shown = new ArrayList<>();
    TreeSet<String> categories = new TreeSet<>(Values.PARAM_ORDER);
    boolean numeric = true;
    for (Run run : runs) {
      String xv = run.params().get(x);
      if (xv != null && run.metrics().containsKey(metric)) {
        shown.add(run);
        categories.add(xv);
        numeric &= Values.number(xv).isPresent();
      }
    }
    if (shown.isEmpty()) {
      return "<p class=\"muted\">no run has both " + Html.text(x) + " and " + Html.text(metric) + "</p>";
    }
    List<String> order = new ArrayList<>(categories);
    double x0 = numeric ? Values.number(order.get(0)).get() : 0;
    double x1 = numeric ? Values.number(order.get(order.size() - 1)).get() : Math.max(1, order.size() - 1);
    double y0 = Double.POSITIVE_INFINITY;
    double y1 = Double.NEGATIVE_INFINITY;
    for (Run r : shown) {
      y0 = Math.min(y0, r.metrics().get(metric));
      y1 = Math.max(y1, r.metrics().get(metric));
    }
    if (x1 == x0) {
      x0 -= 1;
      x1 += 1;
    }
    // A margin, so the points at either end are not cut by the frame.
    double pad = (x1 - x0) * 0.04;
    x0 -= pad;
    x1 += pad;
    if (y1 == y0) {
      y0 -= 1;
      y1 += 1;
    }
    double yPad = (y1 - y0) * 0.06;
    y0 -= yPad;
    y1 += yPad;
    StringBuilder svg = new StringBuilder("<svg class=\"scatter\" id=\"scatter\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(W).append("\" height=\"").append(H).append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\">");
    int plotW = W - LEFT - RIGHT;
    int plotH = H - TOP - BOTTOM;
    svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(plotW).append("\" height=\"")
        .append(plotH).append("\" fill=\"#fafafa\" stroke=\"#bbb\"/>");
    for (int i = 0; i <= 4; i++) {
      double v = y0 + (y1 - y0) * i / 4;
      double py = TOP + plotH - plotH * i / 4.0;
      svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + plotW).append("\" y1=\"").append(py).append("\" y2=\"")
          .append(py).append("\" stroke=\"#e4e4e4\"/><text class=\"tick\" x=\"").append(LEFT - 6).append("\" y=\"").append(py + 4)
          .append("\" text-anchor=\"end\">").append(Html.text(MetricText.rounded(v))).append("</text>");
    }
    for (String c : order) {
      double px = LEFT + plotW * (position(c, order, numeric) - x0) / (x1 - x0);
      svg.append("<text class=\"tick\" x=\"").append(px).append("\" y=\"").append(TOP + plotH + 16)
          .append("\" text-anchor=\"middle\">").append(Html.text(c)).append("</text>");
    }
    svg.append("<text class=\"axis\" x=\"").append(LEFT + plotW / 2).append("\" y=\"").append(H - 6)
        .append("\" text-anchor=\"middle\">").append(Html.text(x)).append("</text>")
        .append("<text class=\"axis\" x=\"14\" y=\"").append(TOP + plotH / 2).append("\" transform=\"rotate(-90 14 ")
        .append(TOP + plotH / 2).append(")\" text-anchor=\"middle\">").append(Html.text(metric)).append("</text>");
    for (Run r : shown) {
      double v = r.metrics().get(metric);
      double px = LEFT + plotW * (position(r.params().get(x), order, numeric) - x0) / (x1 - x0);
      double py = TOP + plotH - plotH * (v - y0) / (y1 - y0);
      boolean other = !r.manifest().equals(main);
      svg.append("<a class=\"point").append(other ? " other-version" : "").append("\" href=\"/runs/").append(r.id().value())
          .append("\"><title>run ").append(r.id().value()).append(": ").append(Html.text(x + "=" + r.params().get(x)))
          .append(", ").append(Html.text(metric + "=" + MetricText.format(v))).append(", code ").append(r.manifest().shortForm())
          .append("</title><circle cx=\"").append(String.format(java.util.Locale.ROOT, "%.1f", px)).append("\" cy=\"")
          .append(String.format(java.util.Locale.ROOT, "%.1f", py)).append("\" r=\"4.5\" fill=\"")
          .append(other ? "#d0006f" : "#3b528b").append("\" fill-opacity=\"0.75\"/></a>");
    }
    svg.append("</svg>\n<p class=\"muted small\">one point per run; <span class=\"dot main\">●</span> the main code version, "
        + "<span class=\"dot other\">●</span> another</p>\n");
    return svg.toString();
  }

  private static double position(String value, List<String> order, boolean numeric) {
    return numeric ? Values.number(value).get() : order.indexOf(value);
  }
}
