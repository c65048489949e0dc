package io.btsnap.cli;

import picocli.CommandLine.Command;

/** Unpins a run: retention applies to it again. */
@Command(name = "unpin", description = "Let retention apply to a run again.", footerHeading = "%nExamples:%n",
    footer = {"  btsnap unpin 20261126-213005-1f47a2", "  btsnap ls --json | grep '\"pinned\":true'   # the pinned runs"})
final class UnpinCommand extends RunPinning {
  UnpinCommand() {
    super(false);
  }
}
