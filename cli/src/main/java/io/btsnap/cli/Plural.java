package io.btsnap.cli;

/** Counts with their noun: "1 run", "2 runs". */
final class Plural {
  private Plural() {}

  static String of(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
