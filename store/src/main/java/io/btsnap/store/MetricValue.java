package io.btsnap.store;

/** How a metric is read from text: a finite number, as {@code annotate} and {@code --where} take it. */
public final class MetricValue {
  private MetricValue() {}

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
