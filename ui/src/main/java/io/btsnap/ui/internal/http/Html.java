package io.btsnap.ui.internal.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Escaping for HTML text and attribute values. Everything a page shows from the store (file
 * contents, parameters, labels, paths) passes through {@link #text}: a strategy file is data,
 * never markup.
 */
public final class Html {
  private Html() {}

  /** Returns {@code value} safe inside an element or a double-quoted attribute. */
  public static String text(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Returns {@code segment} encoded as one path segment of a URL (a run id, a sweep name). */
  public static String segment(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
