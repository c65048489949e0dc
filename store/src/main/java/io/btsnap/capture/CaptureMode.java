package io.btsnap.capture;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a capture selects the files of a run. Each mode carries its CLI spelling. */
public enum CaptureMode {
  /** The strategy's main file only. */
  ENTRY("entry"),
  /** The main file and every local module it imports, recursively. */
  IMPORTS("imports"),
  /** The files listed in {@code strategy.yaml}. */
  FILES("files");

  private final String spelling;

  CaptureMode(String spelling) {
    this.spelling = spelling;
  }

  /** Returns the name users type and see, e.g. {@code imports}. */
  public String spelling() {
    return spelling;
  }

  /** Returns the mode spelled {@code text}. */
  public static CaptureMode fromSpelling(String text) {
    for (CaptureMode mode : values()) {
      if (mode.spelling.equals(text)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "unknown capture mode '" + text + "': expected one of "
            + Arrays.stream(values()).map(CaptureMode::spelling).collect(Collectors.joining(", ")));
  }
}
