package io.btsnap.ui.internal.page;

import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Run;
import io.btsnap.ui.internal.http.Html;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The heatmap of a metric over two parameters, drawn as SVG on the server (fills are SVG
 * attributes, which a strict CSP allows, unlike inline styles). Each cell shows one run, the best
 * of its runs by the metric, links to it, and says how many runs it holds; a cell whose run used
 * another code version than the sweep's main one is outlined and says which.
 */
final class Heatmap {
  static final int CELL_W = 132;
  static final int CELL_H = 58;
  private static final int LEFT = 90;
  private static final int TOP = 30;

  /** The runs of one cell and the one it shows (null when none has the metric). */
  record Cell(String x, String y, List<Run> runs, Run best) {}

  private Heatmap() {}

  /** Returns the cells by (y, x) of {@code runs} that have both parameters, the best picked by {@code max}. */
  static Map<String, Map<String, Cell>> cells(List<Run> runs, String metric, String x, String y, boolean max) {
    Map<String, Map<String, List<Run>>> grouped = new TreeMap<>(Values.PARAM_ORDER);
    for (Run run : runs) {
      String xv = run.params().get(x);
      String yv = y.isEmpty() ? "" : run.params().get(y);
      if (xv != null && yv != null) {
        grouped.computeIfAbsent(yv, k -> new TreeMap<>(Values.PARAM_ORDER)).computeIfAbsent(xv, k -> new ArrayList<>()).add(run);
      }
    }
    Comparator<Double> better = max ? Comparator.naturalOrder() : Comparator.reverseOrder();
    Map<String, Map<String, Cell>> cells = new TreeMap<>(Values.PARAM_ORDER);
    grouped.forEach((yv, row) -> row.forEach((xv, list) -> {
      Run best = null;
      for (Run r : list) {
        Double v = r.metrics().get(metric);
        // Strictly better only: among equals the earliest run stays, so a reload shows the same one.
        if (v != null && (best == null || better.compare(v, best.metrics().get(metric)) > 0)) {
          best = r;
        }
      }
      cells.computeIfAbsent(yv, k -> new TreeMap<>(Values.PARAM_ORDER)).put(xv, new Cell(xv, yv, list, best));
    }));
    return cells;
  }

  /** Returns the SVG of {@code cells}, with its legend. */
  static String svg(Map<String, Map<String, Cell>> cells, String metric, String x, String y, boolean max, BlobId main) {
    TreeSet<String> xs = new TreeSet<>(Values.PARAM_ORDER);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Map<String, Cell> row : cells.values()) {
      xs.addAll(row.keySet());
      for (Cell c : row.values()) {
        if (c.best() != null) {
          double v = c.best().metrics().get(metric);
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    List<String> xList = new ArrayList<>(xs);
    List<String> yList = new ArrayList<>(cells.keySet());
    // Highest y at the top, as a chart's axis reads.
    java.util.Collections.reverse(yList);
    int width = LEFT + xList.size() * CELL_W + 20;
    int height = TOP + yList.size() * CELL_H + 50;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"heatmap\" id=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">");
    for (int j = 0; j < yList.size(); j++) {
      Map<String, Cell> row = cells.get(yList.get(j));
      int cy = TOP + j * CELL_H;
      svg.append("<text class=\"tick\" x=\"").append(LEFT - 8).append("\" y=\"").append(cy + CELL_H / 2 + 4)
          .append("\" text-anchor=\"end\">").append(Html.text(yList.get(j))).append("</text>");
      for (int i = 0; i < xList.size(); i++) {
        Cell cell = row.get(xList.get(i));
        if (cell != null) {
          cell(svg, cell, LEFT + i * CELL_W, cy, metric, x, y, max, main, lo, hi);
        }
      }
    }
    int bottom = TOP + yList.size() * CELL_H;
    for (int i = 0; i < xList.size(); i++) {
      svg.append("<text class=\"tick\" x=\"").append(LEFT + i * CELL_W + CELL_W / 2).append("\" y=\"").append(bottom + 16)
          .append("\" text-anchor=\"middle\">").append(Html.text(xList.get(i))).append("</text>");
    }
    svg.append("<text class=\"axis\" x=\"").append(LEFT + xList.size() * CELL_W / 2).append("\" y=\"").append(bottom + 38)
        .append("\" text-anchor=\"middle\">").append(Html.text(x)).append("</text>");
    if (!y.isEmpty()) {
      svg.append("<text class=\"axis\" x=\"12\" y=\"").append(TOP - 10).append("\">").append(Html.text(y)).append("</text>");
    }
    svg.append("</svg>\n");
    return svg.toString() + legend(metric, lo, hi, max);
  }

  private static void cell(StringBuilder svg, Cell cell, int cx, int cy, String metric, String x, String y, boolean max,
      BlobId main, double lo, double hi) {
    String count = cell.runs().size() == 1 ? "1 run" : "best of " + cell.runs().size();
    if (cell.best() == null) {
      svg.append("<g class=\"cell empty\"><rect x=\"").append(cx + 1).append("\" y=\"").append(cy + 1).append("\" width=\"")
          .append(CELL_W - 2).append("\" height=\"").append(CELL_H - 2).append("\" fill=\"#e8e8e8\"/>")
          .append("<text x=\"").append(cx + CELL_W / 2).append("\" y=\"").append(cy + CELL_H / 2 + 4)
          .append("\" text-anchor=\"middle\" class=\"small\">").append(cell.runs().size()).append(" runs, no ")
          .append(Html.text(metric)).append("</text></g>");
      return;
    }
    Run run = cell.best();
    double v = run.metrics().get(metric);
    double t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
    boolean other = !run.manifest().equals(main);
    String ink = t > 0.6 ? "#111" : "#fff";
    svg.append("<a class=\"cell").append(other ? " other-version" : "").append("\" href=\"/runs/").append(run.id().value())
        .append("\" data-run=\"").append(run.id().value()).append("\" data-count=\"").append(cell.runs().size())
        .append("\" data-x=\"").append(Html.text(cell.x())).append("\" data-y=\"").append(Html.text(cell.y())).append("\">")
        .append("<title>").append(Html.text(x + "=" + cell.x() + (y.isEmpty() ? "" : ", " + y + "=" + cell.y()) + ": run "
            + run.id().value() + ", " + metric + "=" + io.btsnap.store.query.MetricText.format(v) + ", the "
            + (max ? "highest" : "lowest") + " of " + cell.runs().size() + (cell.runs().size() == 1 ? " run" : " runs")
            + ", code " + run.manifest().shortForm())).append("</title>")
        .append("<rect x=\"").append(cx + 1).append("\" y=\"").append(cy + 1).append("\" width=\"").append(CELL_W - 2)
        .append("\" height=\"").append(CELL_H - 2).append("\" fill=\"").append(colour(t)).append("\"")
        .append(other ? " stroke=\"#d0006f\" stroke-width=\"4\" stroke-dasharray=\"6 3\"" : "").append("/>")
        .append("<text x=\"").append(cx + CELL_W / 2).append("\" y=\"").append(cy + 20).append("\" text-anchor=\"middle\" fill=\"")
        .append(ink).append("\" class=\"value\">").append(Html.text(Values.metric(v))).append("</text>")
        .append("<text x=\"").append(cx + CELL_W / 2).append("\" y=\"").append(cy + 35).append("\" text-anchor=\"middle\" fill=\"")
        .append(ink).append("\" class=\"small count\">").append(count).append("</text>");
    if (other) {
      svg.append("<text x=\"").append(cx + CELL_W / 2).append("\" y=\"").append(cy + 50).append("\" text-anchor=\"middle\" fill=\"")
          .append(ink).append("\" class=\"small version\">code ").append(run.manifest().shortForm()).append("</text>");
    }
    svg.append("</a>");
  }

  private static String legend(String metric, double lo, double hi, boolean max) {
    if (lo > hi) {
      return "<p class=\"muted\">no run of these cells has " + Html.text(metric) + "</p>";
    }
    StringBuilder svg = new StringBuilder("<figure class=\"legend\" id=\"legend\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"360\" height=\"46\">");
    int steps = 24;
    for (int i = 0; i < steps; i++) {
      svg.append("<rect x=\"").append(10 + i * 13).append("\" y=\"4\" width=\"13\" height=\"16\" fill=\"")
          .append(colour(i / (double) (steps - 1))).append("\"/>");
    }
    svg.append("<text class=\"tick\" x=\"10\" y=\"36\">").append(Html.text(Values.metric(lo))).append("</text>")
        .append("<text class=\"tick\" x=\"").append(10 + steps * 13).append("\" y=\"36\" text-anchor=\"end\">")
        .append(Html.text(Values.metric(hi))).append("</text></svg><figcaption>").append(Html.text(metric))
        .append(", from the lowest to the highest shown; each cell shows its ").append(max ? "highest" : "lowest")
        .append(" run. <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"26\" height=\"14\"><rect x=\"2\" y=\"2\" width=\"22\" height=\"10\" fill=\"#fff\""
            + " stroke=\"#d0006f\" stroke-width=\"3\" stroke-dasharray=\"6 3\"/></svg> its run used another code version than the sweep's main one.")
        .append("</figcaption></figure>\n");
    return svg.toString();
  }

  // Viridis, sampled at five points: ordered in lightness, readable by the colour-blind.
  private static final int[][] STOPS = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};

  /** Returns the colour of {@code t} in [0, 1]. */
  static String colour(double t) {
    double p = Math.max(0, Math.min(1, t)) * (STOPS.length - 1);
    int i = Math.min(STOPS.length - 2, (int) Math.floor(p));
    double f = p - i;
    int[] rgb = new int[3];
    for (int c = 0; c < 3; c++) {
      rgb[c] = (int) Math.round(STOPS[i][c] + f * (STOPS[i + 1][c] - STOPS[i][c]));
    }
    return String.format(Locale.ROOT, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
  }
}
