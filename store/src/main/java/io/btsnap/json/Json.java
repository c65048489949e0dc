package io.btsnap.json;

import java.util.Collection;
import java.util.Map;

/**
 * Writes maps, lists, strings, numbers, booleans and nulls as JSON, two-space indented. Maps keep
 * their iteration order, so output field order is stable.
 */
public final class Json {
  private Json() {}

  /** Returns {@code value} as JSON text, without a trailing newline. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder(256);
    write(out, value, 0);
    return out.toString();
  }

  /**
   * Writes a JSON array to {@code out} one element at a time, so a list of 100k runs is never
   * held as one string; elements are indented as {@link #write} indents them.
   */
  public static void writeArray(java.io.PrintWriter out, Iterable<?> items) {
    StringBuilder element = new StringBuilder(512);
    boolean first = true;
    for (Object item : items) {
      element.setLength(0);
      element.append(first ? "[\n  " : ",\n  ");
      write(element, item, 1);
      out.append(element);
      first = false;
    }
    out.append(first ? "[]" : "\n]").append('\n');
  }

  private static void write(StringBuilder out, Object value, int depth) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(out, s);
    } else if (value instanceof Double d) {
      out.append(d.isNaN() || d.isInfinite() ? "null" : String.valueOf(d));
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(first ? "\n" : ",\n");
        indent(out, depth + 1);
        string(out, String.valueOf(e.getKey()));
        out.append(": ");
        write(out, e.getValue(), depth + 1);
        first = false;
      }
      out.append('\n');
      indent(out, depth);
      out.append('}');
    } else if (value instanceof Collection<?> list) {
      if (list.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append('[');
      boolean first = true;
      for (Object item : list) {
        out.append(first ? "\n" : ",\n");
        indent(out, depth + 1);
        write(out, item, depth + 1);
        first = false;
      }
      out.append('\n');
      indent(out, depth);
      out.append(']');
    } else {
      string(out, value.toString());
    }
  }

  private static final String SPACES = " ".repeat(64);

  private static void indent(StringBuilder out, int depth) {
    for (int left = 2 * depth; left > 0; left -= SPACES.length()) {
      out.append(SPACES, 0, Math.min(left, SPACES.length()));
    }
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    if (isPlain(s)) {
      out.append(s).append('"');
      return;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Most strings (ids, hashes, paths) need no escaping and are copied whole. */
  private static boolean isPlain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }
}
