package io.btsnap.cli.output;

import java.util.Collection;
import java.util.Optional;

/** The command a mistyped one most likely meant. */
final class CommandSuggestion {
  private CommandSuggestion() {}

  /**
   * Returns the name among {@code commands} nearest to {@code typed} by edit distance (a swap of
   * two neighbours counts as one), when it is close enough to be a typo: at most a third of the
   * typed length, and two.
   */
  static Optional<String> nearest(String typed, Collection<String> commands) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String command : commands) {
      int d = distance(typed, command);
      if (d < bestDistance) {
        best = command;
        bestDistance = d;
      }
    }
    int allowed = Math.min(2, Math.max(1, typed.length() / 3));
    return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
