package io.btsnap.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Why a run's files were taken: the entry point and how it was found, an import chain, a
 * {@code strategy.yaml} line. It is kept beside the manifest, never inside its id, so the same
 * code captured by different invocations still has one manifest id. The store keeps each
 * distinct provenance once, so a grid search of unchanged code shares one record.
 *
 * @param text one line per file, {@code <path> TAB <reason>}, in path order; empty when unknown
 */
public record Provenance(String text) {
  /** The provenance of a run that recorded none (an imported archive without reasons). */
  public static final Provenance NONE = new Provenance("");

  /** Checks the text. */
  public Provenance {
    Objects.requireNonNull(text, "text");
  }

  /**
   * Builds the provenance of {@code reasons}, by path. Control characters in a reason (a command
   * line can hold any) become {@code ?}, so the text stays one line per file.
   */
  public static Provenance of(Map<String, String> reasons) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> e : new TreeMap<>(reasons).entrySet()) {
      text.append(e.getKey()).append('\t').append(printable(e.getValue())).append('\n');
    }
    return new Provenance(text.toString());
  }

  /** Returns the reason of each file, by path, in path order. */
  public Map<String, String> reasons() {
    Map<String, String> reasons = new LinkedHashMap<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      int tab = text.indexOf('\t', start);
      if (end < 0 || tab < 0 || tab > end) {
        break; // text from a damaged record: keep what parsed
      }
      reasons.put(text.substring(start, tab), text.substring(tab + 1, end));
      start = end + 1;
    }
    return Collections.unmodifiableMap(reasons);
  }

  /** Returns why {@code path} was taken, or an empty string when not recorded. */
  public String reasonOf(String path) {
    return reasons().getOrDefault(path, "");
  }

  private static String printable(String reason) {
    StringBuilder out = new StringBuilder(reason.length());
    for (int i = 0; i < reason.length(); i++) {
      char c = reason.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return out.toString();
  }
}
