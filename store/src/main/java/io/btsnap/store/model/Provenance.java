package io.btsnap.store.model;

import java.util.Map;
import java.util.Objects;

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
    return new Provenance(TabLines.encode(reasons));
  }

  /** Returns the reason of each file, by path, in path order. */
  public Map<String, String> reasons() {
    return TabLines.decode(text);
  }

  /** Returns why {@code path} was taken, or an empty string when not recorded. */
  public String reasonOf(String path) {
    return reasons().getOrDefault(path, "");
  }
}
