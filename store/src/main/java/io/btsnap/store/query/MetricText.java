package io.btsnap.store.query;

/** How metric values are read from and written as text, alike on the command line and in the web page. */
public final class MetricText {
  private MetricText() {}

  /** Returns {@code value} as typed: {@code 1.42}, {@code -0.12}, {@code 3} for a whole number. */
  public static String format(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  /**
   * Returns {@code value} rounded to 4 significant digits, for columns: {@code 1.423},
   * {@code -0.12}, {@code 13}, {@code 123500}; scientific below 0.0001 and from a million.
   */
  public static String rounded(double value) {
    if (value == 0) {
      return "0";
    }
    double magnitude = Math.abs(value);
    if (magnitude < 1e-4 || magnitude >= 1e6) {
      return String.format(java.util.Locale.ROOT, "%.3e", value);
    }
    return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
  }

  /** Reads a metric value; throws {@link IllegalArgumentException} naming {@code key} on anything but a finite number. */
  public static double parse(String key, String text) {
    double value;
    try {
      value = Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("metric " + key + " must be a number, not '" + text + "'");
    }
    if (!Double.isFinite(value) || text.strip().matches("(?i).*(nan|infinity).*")) {
      throw new IllegalArgumentException("metric " + key + " must be a finite number, not '" + text + "'");
    }
    return value;
  }
}
