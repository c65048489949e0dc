package io.btsnap.time;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type and read them: {@code 45s}, {@code 1m18s}, {@code 3h05m}, {@code 30d}.
 * Every message that names a duration prints it this way, and every option that takes one reads
 * this form, so a duration printed by btsnap can be pasted back as an option.
 */
public final class Durations {
  private static final Pattern FORM = Pattern.compile("(?:\\d+[smhdw])+");
  private static final Pattern PART = Pattern.compile("(\\d+)([smhdw])");

  private Durations() {}

  /**
   * Reads {@code 30d}, {@code 12h}, {@code 2w}, {@code 90m}, {@code 45s}, or a sum of them as
   * {@link #human} writes it ({@code 1h30m}); throws {@link IllegalArgumentException} with the
   * message for the user otherwise.
   */
  public static Duration parse(String text) {
    String form = text.strip();
    if (!FORM.matcher(form).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration: use a number and s, m, h, d or w, e.g. 30d");
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(form);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      });
    }
    return total;
  }

  /**
   * Writes {@code duration} in its two largest units, the smaller one two digits wide: {@code
   * 45s}, {@code 1m18s}, {@code 3h05m}, {@code 2d04h}, {@code 30d}; whole seconds, rounded down.
   */
  public static String human(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3_600;
    long minutes = seconds % 3_600 / 60;
    long rest = seconds % 60;
    if (days > 0) {
      return hours == 0 ? days + "d" : String.format("%dd%02dh", days, hours);
    }
    if (hours > 0) {
      return minutes == 0 ? hours + "h" : String.format("%dh%02dm", hours, minutes);
    }
    if (minutes > 0) {
      return rest == 0 ? minutes + "m" : String.format("%dm%02ds", minutes, rest);
    }
    return rest + "s";
  }
}
