package io.btsnap.ui.internal.page;

import io.btsnap.store.model.Run;
import io.btsnap.store.query.MetricText;
import java.util.Comparator;
import java.util.Optional;

/** How pages show and order the values of runs: parameters, metrics, times. */
final class Values {
  private Values() {}

  /** Returns {@code value} as a number when the whole text is one, for numeric order. */
  static Optional<Double> number(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      double d = Double.parseDouble(value.strip());
      return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Orders parameter values: numbers by value before other text, text alphabetically. */
  static final Comparator<String> PARAM_ORDER = (a, b) -> {
    Optional<Double> x = number(a);
    Optional<Double> y = number(b);
    if (x.isPresent() && y.isPresent()) {
      int c = Double.compare(x.get(), y.get());
      return c != 0 ? c : a.compareTo(b);
    }
    if (x.isPresent() != y.isPresent()) {
      return x.isPresent() ? -1 : 1;
    }
    return a.compareTo(b);
  };

  /** Returns a metric rounded for a table cell, or a dash when absent. */
  static String metric(Double value) {
    return value == null ? "–" : MetricText.rounded(value);
  }

  /** Returns the run's creation time as people read it, in UTC. */
  static String time(Run run) {
    return run.created().toString().substring(0, 19).replace('T', ' ');
  }
}
