package io.btsnap.capture;

import io.btsnap.store.model.RelativePath;
import java.util.regex.Pattern;

/**
 * A path pattern of {@code strategy.yaml}: {@code *} and {@code ?} match within one path segment,
 * {@code **} matches any number of segments, so {@code **}{@code /*.py} matches {@code a.py} and
 * {@code a/b/c.py} alike (as in gitignore, unlike Java's glob syntax).
 */
public final class Glob {
  private final String text;
  private final Pattern regex;

  private Glob(String text) {
    this.text = text;
    this.regex = Pattern.compile(toRegex(text));
  }

  /** Compiles {@code text}. */
  public static Glob of(String text) {
    return new Glob(text);
  }

  /** Returns whether {@code text} contains a wildcard. */
  public static boolean hasWildcard(String text) {
    return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
  }

  /** Returns whether {@code path} matches the whole pattern. */
  public boolean matches(RelativePath path) {
    return regex.matcher(path.value()).matches();
  }

  @Override
  public String toString() {
    return text;
  }

  private static String toRegex(String glob) {
    StringBuilder re = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if (glob.startsWith("**/", i)) {
        re.append("(?:[^/]+/)*");
        i += 3;
      } else if (glob.startsWith("**", i)) {
        re.append(".*");
        i += 2;
      } else if (c == '*') {
        re.append("[^/]*");
        i++;
      } else if (c == '?') {
        re.append("[^/]");
        i++;
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
        i++;
      }
    }
    return re.toString();
  }
}
