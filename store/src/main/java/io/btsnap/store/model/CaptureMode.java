package io.btsnap.store.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a capture selects the files of a run. Each mode carries its CLI spelling. */
public enum CaptureMode {
  /** The strategy's main file only. */
  ENTRY("entry"),
  /** The main file and every local module it imports, recursively. */
  IMPORTS("imports"),
  /** The files listed in {@code strategy.yaml}. */
  FILES("files"),
  /**
   * The main file and every module the running Python process loaded from the project root,
   * as its client reports them ({@code sys.modules}): dynamic imports and plugins included.
   */
  LOADED("loaded"),
  /** The union of {@link #IMPORTS} and {@link #LOADED}. */
  IMPORTS_LOADED("imports+loaded");

  private final String spelling;

  CaptureMode(String spelling) {
    this.spelling = spelling;
  }

  /** Returns whether this mode follows the entry's imports. */
  public boolean followsImports() {
    return this == IMPORTS || this == IMPORTS_LOADED;
  }

  /** Returns whether this mode takes the modules a running process reports it loaded. */
  public boolean takesLoaded() {
    return this == LOADED || this == IMPORTS_LOADED;
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
