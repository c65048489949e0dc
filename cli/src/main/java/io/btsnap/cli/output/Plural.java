package io.btsnap.cli.output;

/** Counts with their noun: "1 run", "2 runs". */
public final class Plural {
  private Plural() {}

  /** Returns {@code count} and {@code noun}, plural unless the count is one. */
  public static String of(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
