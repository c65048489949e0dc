package io.btsnap.cli;

import picocli.CommandLine.Option;

/** The {@code --json} option of commands that have a JSON form. */
public final class JsonOption {
  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  /** Returns whether JSON was asked for. */
  public boolean enabled() {
    return json;
  }
}
