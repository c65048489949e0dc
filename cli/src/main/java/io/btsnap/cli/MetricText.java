package io.btsnap.cli;

/** How metrics are written on the command line (read by {@link io.btsnap.store.MetricValue}). */
final class MetricText {
  private MetricText() {}

  /** Returns {@code value} as typed: {@code 1.42}, {@code -0.12}, {@code 3} for a whole number. */
  static String format(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  /**
   * Returns {@code value} rounded to 4 significant digits, for columns: {@code 1.423},
   * {@code -0.12}, {@code 13}, {@code 123500}; scientific below 0.0001 and from a million.
   */
  static String rounded(double value) {
    if (value == 0) {
      return "0";
    }
    double magnitude = Math.abs(value);
    if (magnitude < 1e-4 || magnitude >= 1e6) {
      return String.format(java.util.Locale.ROOT, "%.3e", value);
    }
    return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
