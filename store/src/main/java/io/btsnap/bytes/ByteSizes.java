package io.btsnap.bytes;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte counts for people: printed the way {@code du -h} does (1024-based, one decimal below 10),
 * read in the form options take ({@code 512K}, {@code 64M}).
 */
public final class ByteSizes {
  private static final String UNITS = "KMGTPE";

  private static final Pattern FORM = Pattern.compile("(\\d+)([KMGT]?)I?B?");

  private ByteSizes() {}

  /**
   * Reads a size such as {@code 0}, {@code 512K}, {@code 64M}, {@code 2G} (1024-based); throws
   * {@link IllegalArgumentException} with a one-line message otherwise.
   */
  public static long parse(String text) {
    Matcher m = FORM.matcher(text.strip().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a size: use a number with K, M, G or T, e.g. 64M");
    }
    int shift = switch (m.group(2)) {
      case "K" -> 10;
      case "M" -> 20;
      case "G" -> 30;
      case "T" -> 40;
      default -> 0;
    };
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      n = Long.MAX_VALUE;
    }
    if (n > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException("'" + text + "' is too large");
    }
    return n << shift;
  }

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
