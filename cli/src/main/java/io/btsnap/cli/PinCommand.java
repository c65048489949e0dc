package io.btsnap.cli;

import picocli.CommandLine.Command;

/** Pins a run, so that no gc deletes it. */
@Command(name = "pin", description = "Keep a run through every gc.", footerHeading = "%nExamples:%n",
    footer = {"  btsnap pin 20261126-213005-1f47a2", "  btsnap pin latest && btsnap store gc --keep-last 10"})
final class PinCommand extends RunPinning {
  PinCommand() {
    super(true);
  }
}
