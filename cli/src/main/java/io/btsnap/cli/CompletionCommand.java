package io.btsnap.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints a bash completion script. */
@Command(
    name = "completion",
    description = "Print a bash completion script.",
    footer = {"%nUse: source <(btsnap completion)"})
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(AutoComplete.bash("btsnap", spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
