package io.btsnap.cli;

import picocli.CommandLine.Command;

/** Unpins a run: retention applies to it again. */
@Command(name = "unpin", description = "Let retention apply to a run again.")
final class UnpinCommand extends RunPinning {
  UnpinCommand() {
    super(false);
  }
}
