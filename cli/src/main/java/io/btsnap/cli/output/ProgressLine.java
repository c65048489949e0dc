package io.btsnap.cli.output;

import java.io.PrintWriter;

/**
 * A progress line on stderr for a person at a terminal ({@code \rphase done/total}), redrawn
 * at most ten times a second, ended by a newline when done. Shared by gc, push and pull.
 */
public final class ProgressLine {
  private final PrintWriter err;
  private long last;

  private ProgressLine(PrintWriter err) {
    this.err = err;
  }

  /** Returns whether a person watches: standard streams on a terminal. Scripts and logs get no line. */
  public static boolean wanted() {
    return System.console() != null;
  }

  /** Returns a line drawn on {@code err}. */
  public static ProgressLine on(PrintWriter err) {
    return new ProgressLine(err);
  }

  /** Redraws the line: {@code done} of {@code total} in {@code phase}. */
  public synchronized void update(String phase, long done, long total) {
    long now = System.nanoTime();
    if (done == total || now - last > 100_000_000L) {
      last = now;
      err.printf("\r%s %d/%d%s", phase, done, total, done == total ? "\n" : "");
      err.flush();
    }
  }
}
