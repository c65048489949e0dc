package io.btsnap.errors;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one line a user reads about a failure, the same from the command line and from the capture
 * service: the message of an expected failure (I/O, a bad value), else a short internal error.
 */
public final class OneLine {
  private OneLine() {}

  /** Returns {@code e}'s message as one line, naming the file for the JDK's terse I/O failures. */
  public static String message(Exception e) {
    Throwable shown = e instanceof UncheckedIOException u ? u.getCause() : e;
    if (shown instanceof IOException || shown instanceof IllegalArgumentException) {
      String text = shown.getMessage();
      if (shown instanceof java.nio.file.NoSuchFileException) {
        text = "no such file: " + text;
      } else if (shown instanceof java.nio.file.AccessDeniedException) {
        text = "permission denied: " + text;
      } else if (shown instanceof java.nio.file.FileAlreadyExistsException) {
        text = "file exists: " + text;
      }
      return of(text == null ? shown.getClass().getSimpleName() : text);
    }
    return "internal error: " + of(String.valueOf(shown)) + " (rerun with --stacktrace)";
  }

  /** Joins {@code text}'s lines with "; ". */
  public static String of(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", "; ");
  }
}
