package io.btsnap.cli.options;

import picocli.CommandLine.Option;

/** The {@code --json} option of commands that have a JSON form. */
public final class JsonOption {
  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  /** Returns the option as parsed from a command line that did, or did not, say {@code --json}. */
  public static JsonOption of(boolean enabled) {
    JsonOption option = new JsonOption();
    option.json = enabled;
    return option;
  }

  /** Returns whether JSON was asked for. */
  public boolean enabled() {
    return json;
  }
}
