package io.btsnap.store.query;

import io.btsnap.store.model.Run;
import io.btsnap.store.model.Run;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which runs a listing ({@code ls}, the web page) shows and in what order: labels and
 * parameters that must match, metric conditions ({@code sharpe>1}) and a metric to sort by.
 */
public final class RunQuery {
  private static final Pattern CONDITION = Pattern.compile("\\s*([^<>=!\\s]+)\\s*(>=|<=|!=|==|=|>|<)\\s*(\\S+)\\s*");

  private final Map<String, String> labels;
  private final Map<String, String> params;
  private final List<Condition> conditions;
  private final Optional<String> sortBy;
  private final boolean ascending;

  private RunQuery(Map<String, String> labels, Map<String, String> params, List<Condition> conditions,
      Optional<String> sortBy, boolean ascending) {
    this.labels = labels;
    this.params = params;
    this.conditions = conditions;
    this.sortBy = sortBy;
    this.ascending = ascending;
  }

  /** A metric compared with a number. */
  public record Condition(String metric, String op, double value) {
    /** Returns whether the run has the metric and it satisfies the comparison. */
    public boolean holds(Run run) {
      Double v = run.metrics().get(metric);
      if (v == null) {
        return false;
      }
      int c = Double.compare(v, value);
      return switch (op) {
        case ">" -> c > 0;
        case ">=" -> c >= 0;
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case "!=" -> c != 0;
        default -> c == 0;
      };
    }
  }

  /**
   * Reads the options; throws {@link IllegalArgumentException} with the message for the user on
   * a bad condition or sort key.
   */
  public static RunQuery of(Map<String, String> labels, Map<String, String> params, List<String> where, String sort) {
    List<Condition> conditions = new ArrayList<>();
    for (String text : where) {
      Matcher m = CONDITION.matcher(text);
      if (!m.matches()) {
        throw new IllegalArgumentException("--where needs METRIC OP NUMBER with OP one of > >= < <= = !=, e.g. 'sharpe>1': '"
            + text + "'");
      }
      conditions.add(new Condition(m.group(1), m.group(2), MetricText.parse(m.group(1), m.group(3))));
    }
    Optional<String> sortBy = Optional.empty();
    boolean ascending = false;
    if (sort != null) {
      String name = sort.strip();
      ascending = name.startsWith("+");
      name = name.startsWith("+") || name.startsWith("-") ? name.substring(1) : name;
      if (name.isEmpty() || name.contains("=")) {
        throw new IllegalArgumentException("--sort needs a metric name, e.g. sharpe or +max_dd: '" + sort + "'");
      }
      sortBy = Optional.of(name);
    }
    return new RunQuery(Map.copyOf(labels), Map.copyOf(params), conditions, sortBy, ascending);
  }

  /** Returns whether the run passes every filter. */
  public boolean matches(Run run) {
    for (Map.Entry<String, String> l : labels.entrySet()) {
      if (!l.getValue().equals(run.labels().get(l.getKey()))) {
        return false;
      }
    }
    for (Map.Entry<String, String> p : params.entrySet()) {
      if (!p.getValue().equals(run.params().get(p.getKey()))) {
        return false;
      }
    }
    for (Condition c : conditions) {
      if (!c.holds(run)) {
        return false;
      }
    }
    return true;
  }

  /** Returns the metric runs are sorted by, if any. */
  public Optional<String> sortBy() {
    return sortBy;
  }

  /**
   * The order of a sorted listing: by the metric, highest first (lowest with {@code +}); runs
   * without it last; ties newest first. The listing is already newest first, and the sort is stable.
   */
  public Comparator<Run> order() {
    String metric = sortBy.orElseThrow();
    Comparator<Double> values = ascending ? Comparator.naturalOrder() : Comparator.reverseOrder();
    return Comparator.comparing((Run r) -> r.metrics().get(metric), Comparator.nullsLast(values));
  }
}
