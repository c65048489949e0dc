package io.btsnap.store.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text form of {@link Provenance} and {@link Environment}: one {@code key<TAB>value} line per
 * entry, in key order, so equal maps give equal text and the store keeps one copy of each.
 */
final class TabLines {
  private TabLines() {}

  /** Returns the text of {@code map}; control characters (tabs, newlines) become {@code ?}. */
  static String encode(Map<String, String> map) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
      text.append(printable(e.getKey())).append('\t').append(printable(e.getValue())).append('\n');
    }
    return text.toString();
  }

  /** Returns the entries of {@code text}, in order; a damaged tail is dropped. */
  static Map<String, String> decode(String text) {
    Map<String, String> map = new LinkedHashMap<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      int tab = text.indexOf('\t', start);
      if (end < 0 || tab < 0 || tab > end) {
        break; // text from a damaged record: keep what parsed
      }
      map.put(text.substring(start, tab), text.substring(tab + 1, end));
      start = end + 1;
    }
    return Collections.unmodifiableMap(map);
  }

  private static String printable(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return out.toString();
  }
}
