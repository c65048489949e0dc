package io.btsnap.cli;

import picocli.CommandLine.Command;

/** Pins a run, so that no gc deletes it. */
@Command(name = "pin", description = "Keep a run through every gc.")
final class PinCommand extends RunPinning {
  PinCommand() {
    super(true);
  }
}
