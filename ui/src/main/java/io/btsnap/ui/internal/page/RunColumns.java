package io.btsnap.ui.internal.page;

import io.btsnap.store.model.Run;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The columns of the runs table: their keys ({@code id}, {@code created}, {@code entry},
 * {@code code}, {@code labels}, {@code param.NAME}, {@code metric.NAME}), each cell's text, and
 * the order a click on the header sorts by. The live feed sends the same cells, so rows the
 * script adds read as the server's.
 */
final class RunColumns {
  /** Parameter and metric columns shown at most, each: a wide sweep still fits a screen. */
  static final int MAX_EACH = 8;

  private RunColumns() {}

  /** Returns the column keys for runs with {@code params} and {@code metrics}. */
  static List<String> keys(Collection<String> params, Collection<String> metrics) {
    List<String> keys = new ArrayList<>(List.of("id", "created", "entry", "code", "labels"));
    params.stream().limit(MAX_EACH).forEach(p -> keys.add("param." + p));
    metrics.stream().limit(MAX_EACH).forEach(m -> keys.add("metric." + m));
    return keys;
  }

  /** Returns the header text of column {@code key}. */
  static String title(String key) {
    int dot = key.indexOf('.');
    return dot < 0 ? key : key.substring(dot + 1);
  }

  /** Returns whether the column holds numbers (right-aligned). */
  static boolean numeric(String key) {
    return key.startsWith("param.") || key.startsWith("metric.");
  }

  /** Returns every cell of {@code run}, by column key. */
  static Map<String, String> cells(Run run) {
    Map<String, String> cells = new LinkedHashMap<>();
    cells.put("id", run.id().value());
    cells.put("created", Values.time(run));
    cells.put("entry", run.entry());
    cells.put("code", run.manifest().shortForm());
    cells.put("labels", labels(run));
    run.params().forEach((k, v) -> cells.put("param." + k, v));
    run.metrics().forEach((k, v) -> cells.put("metric." + k, Values.metric(v)));
    return cells;
  }

  private static String labels(Run run) {
    return run.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
  }

  /**
   * Returns the order of a click on {@code key}, ascending unless {@code descending}; empty for
   * the store's own order (newest first). Runs without the value come last either way.
   */
  static Optional<Comparator<Run>> order(String key, boolean descending) {
    if (key.equals("created") && descending) {
      return Optional.empty();
    }
    Comparator<Run> order;
    if (key.startsWith("metric.")) {
      String name = key.substring("metric.".length());
      Comparator<Double> values = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
      return Optional.of(Comparator.comparing((Run r) -> r.metrics().get(name), Comparator.nullsLast(values)));
    }
    if (key.startsWith("param.")) {
      String name = key.substring("param.".length());
      Comparator<String> values = descending ? Values.PARAM_ORDER.reversed() : Values.PARAM_ORDER;
      return Optional.of(Comparator.comparing((Run r) -> r.params().get(name), Comparator.nullsLast(values)));
    }
    order = switch (key) {
      case "id", "created" -> Comparator.comparing(Run::id);
      case "entry" -> Comparator.comparing(Run::entry);
      case "code" -> Comparator.comparing(Run::manifest);
      case "labels" -> Comparator.comparing(RunColumns::labels);
      default -> throw io.btsnap.ui.internal.http.HttpError.badRequest("no column " + key + " to sort by");
    };
    return Optional.of(descending ? order.reversed() : order);
  }
}
