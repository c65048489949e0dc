package io.btsnap.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader (RFC 8259) for input from outside, such as an imported archive: objects
 * become {@link java.util.LinkedHashMap}s, arrays {@link java.util.ArrayList}s, integers {@link
 * Long}s, other numbers {@link Double}s. Anything the RFC does not allow (a bad escape, a lone
 * surrogate, {@code +1} or {@code 01}, a trailing comma), a duplicate key, nesting deeper than
 * {@link #MAX_DEPTH} and truncated input throw {@link IllegalArgumentException} naming the
 * offset; no other exception escapes.
 */
public final class JsonReader {
  /** The deepest nesting accepted: far above any document btsnap writes, far below the stack. */
  public static final int MAX_DEPTH = 64;

  private final String text;
  private int pos;
  private int depth;

  private JsonReader(String text) {
    this.text = text;
  }

  /** Parses {@code text}, which must hold exactly one JSON value. */
  public static Object parse(String text) {
    JsonReader reader = new JsonReader(text);
    Object value = reader.value();
    reader.skipSpace();
    if (reader.pos != text.length()) {
      throw reader.error("trailing text");
    }
    return value;
  }

  private Object value() {
    skipSpace();
    char c = peek();
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        expect("true");
        return true;
      case 'f':
        expect("false");
        return false;
      case 'n':
        expect("null");
        return null;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected '" + c + "'");
    }
  }

  private Map<String, Object> object() {
    enter();
    Map<String, Object> map = new LinkedHashMap<>();
    pos++;
    skipSpace();
    if (peek() == '}') {
      pos++;
      depth--;
      return map;
    }
    while (true) {
      skipSpace();
      int keyAt = pos;
      String key = string();
      skipSpace();
      expect(":");
      if (map.containsKey(key)) {
        pos = keyAt;
        throw error("duplicate key \"" + key + "\"");
      }
      map.put(key, value());
      skipSpace();
      if (peek() == ',') {
        pos++;
      } else {
        expect("}");
        depth--;
        return map;
      }
    }
  }

  private List<Object> array() {
    enter();
    List<Object> list = new ArrayList<>();
    pos++;
    skipSpace();
    if (peek() == ']') {
      pos++;
      depth--;
      return list;
    }
    while (true) {
      list.add(value());
      skipSpace();
      if (peek() == ',') {
        pos++;
      } else {
        expect("]");
        depth--;
        return list;
      }
    }
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH);
    }
  }

  private String string() {
    expect("\"");
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return out.toString();
      }
      if (c == '\\') {
        char e = next();
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> out.append(unicodeEscape(out));
          default -> {
            pos--;
            throw error("bad escape \\" + e);
          }
        }
      } else if (c < 0x20) {
        pos--;
        throw error("raw control character in a string");
      } else {
        if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && pos < text.length()
            && Character.isLowSurrogate(text.charAt(pos)))) {
          pos--;
          throw error("unpaired surrogate");
        }
        out.append(c);
        if (Character.isHighSurrogate(c)) {
          out.append(next());
        }
      }
    }
  }

  /** Reads the 4 hex digits after {@code \\u}; a surrogate must come as a pair of escapes. */
  private char unicodeEscape(StringBuilder out) {
    char c = hex4();
    if (Character.isHighSurrogate(c)) {
      if (!text.startsWith("\\u", pos)) {
        throw error("unpaired surrogate escape");
      }
      pos += 2;
      char low = hex4();
      if (!Character.isLowSurrogate(low)) {
        throw error("unpaired surrogate escape");
      }
      out.append(c);
      return low;
    }
    if (Character.isLowSurrogate(c)) {
      throw error("unpaired surrogate escape");
    }
    return c;
  }

  private char hex4() {
    if (pos + 4 > text.length()) {
      throw error("JSON ends inside a \\u escape");
    }
    int value = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(text.charAt(pos + i), 16);
      if (digit < 0) {
        throw error("bad \\u escape");
      }
      value = value * 16 + digit;
    }
    pos += 4;
    return (char) value;
  }

  /** Reads a number of the RFC's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  private Number number() {
    int start = pos;
    if (peekOr('x') == '-') {
      pos++;
    }
    if (peekOr('x') == '0') {
      pos++;
    } else {
      digits();
    }
    boolean integer = true;
    if (peekOr('x') == '.') {
      pos++;
      digits();
      integer = false;
    }
    if (peekOr('x') == 'e' || peekOr('x') == 'E') {
      pos++;
      if (peekOr('x') == '+' || peekOr('x') == '-') {
        pos++;
      }
      digits();
      integer = false;
    }
    String n = text.substring(start, pos);
    if (integer) {
      try {
        return Long.parseLong(n);
      } catch (NumberFormatException e) {
        pos = start;
        throw error("integer out of range");
      }
    }
    double d = Double.parseDouble(n);
    if (Double.isInfinite(d)) {
      pos = start;
      throw error("number out of range");
    }
    return d;
  }

  private void digits() {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
    if (pos == start) {
      throw error(pos < text.length() ? "expected a digit" : "JSON ends inside a number");
    }
  }

  private void expect(String word) {
    if (!text.startsWith(word, pos)) {
      throw error(pos >= text.length() ? "JSON ends early, expected " + word : "expected " + word);
    }
    pos += word.length();
  }

  private char peek() {
    if (pos >= text.length()) {
      throw error("JSON ends early");
    }
    return text.charAt(pos);
  }

  private char peekOr(char fallback) {
    return pos < text.length() ? text.charAt(pos) : fallback;
  }

  private char next() {
    char c = peek();
    pos++;
    return c;
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("bad JSON at offset " + pos + ": " + what);
  }
}
