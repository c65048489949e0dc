package io.btsnap.bytes;

import java.util.Locale;

/** Formats byte counts the way {@code du -h} does: 1024-based, one decimal below 10. */
public final class ByteSizes {
  private static final String UNITS = "KMGTPE";

  private ByteSizes() {}

  /** Returns {@code bytes} as e.g. {@code 512B}, {@code 3.5K}, {@code 19M}. */
  public static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + "B";
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < UNITS.length() - 1) {
      value /= 1024;
      unit++;
    }
    String number =
        value < 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.0f", value);
    return number + UNITS.charAt(unit);
  }
}
