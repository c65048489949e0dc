package io.btsnap.json;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;

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

  /** Returns {@code value} as compact JSON text, on one line: {@code {"a":1,"b":[2,3]}}. */
  public static String writeCompact(Object value) {
    StringBuilder out = new StringBuilder(64);
    compact(out, value, false);
    return out.toString();
  }

  /**
   * As {@link #writeCompact}, with every character past ASCII escaped ({@code \u2192}): for the
   * service's wire, where one arrow in a file's reason would otherwise widen the whole reply to
   * two bytes a character and make its UTF-8 encoding a second pass.
   */
  public static String writeAscii(Object value) {
    StringBuilder out = new StringBuilder(1024);
    compact(out, value, true);
    return out.toString();
  }

  /** JSON text written as it is: a value encoded once for many outputs. */
  public record Raw(String json) {}

  /** Names and values of one JSON object, given in the order they are to be written. */
  public interface Fields {
    /** Adds field {@code name}. */
    void put(String name, Object value);
  }

  /**
   * Writes a JSON array of objects as they come, for output too long to gather first (100k
   * runs): one object per line, compact, so that the listing reads and greps line by line and
   * takes half the bytes of the indented form. Objects are written field by field, without
   * building maps, and go out as UTF-8.
   */
  public static final class ArrayWriter {
    private final OutputStream out;
    private final StringBuilder element = new StringBuilder(512);
    private boolean first = true;

    /** Starts an array on {@code out}; nothing is written before the first element or {@link #end}. */
    public ArrayWriter(OutputStream out) {
      this.out = new BufferedOutputStream(out, 1 << 16);
    }

    /** Writes one object, whose fields {@code fields} gives. */
    public void addObject(Consumer<Fields> fields) throws IOException {
      element.setLength(0);
      element.append(first ? "[\n{" : ",\n{");
      first = false;
      int start = element.length();
      fields.accept((name, value) -> {
        if (element.length() > start) {
          element.append(',');
        }
        string(element, name, false);
        element.append(':');
        compact(element, value, false);
      });
      element.append('}');
      out.write(element.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Closes the array, ends the line and flushes. */
    public void end() throws IOException {
      out.write((first ? "[]\n" : "\n]\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  private static void compact(StringBuilder out, Object value, boolean ascii) {
    if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          out.append(',');
        }
        string(out, String.valueOf(e.getKey()), ascii);
        out.append(':');
        compact(out, e.getValue(), ascii);
        first = false;
      }
      out.append('}');
    } else if (value instanceof Collection<?> list) {
      out.append('[');
      boolean first = true;
      for (Object item : list) {
        if (!first) {
          out.append(',');
        }
        compact(out, item, ascii);
        first = false;
      }
      out.append(']');
    } else if (value instanceof String text) {
      string(out, text, ascii);
    } else {
      write(out, value, 0);
    }
  }

  private static void write(StringBuilder out, Object value, int depth) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(out, s, false);
    } else if (value instanceof Raw raw) {
      out.append(raw.json());
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
        string(out, String.valueOf(e.getKey()), false);
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
      string(out, value.toString(), false);
    }
  }

  private static final String SPACES = " ".repeat(64);

  private static void indent(StringBuilder out, int depth) {
    for (int left = 2 * depth; left > 0; left -= SPACES.length()) {
      out.append(SPACES, 0, Math.min(left, SPACES.length()));
    }
  }

  private static void string(StringBuilder out, String s, boolean ascii) {
    out.append('"');
    if (isPlain(s, ascii)) {
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
          if (c < 0x20 || (ascii && c > 0x7E)) {
            out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Most strings (ids, hashes, paths) need no escaping and are copied whole. */
  private static boolean isPlain(String s, boolean ascii) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || (ascii && c > 0x7E)) {
        return false;
      }
    }
    return true;
  }
}
