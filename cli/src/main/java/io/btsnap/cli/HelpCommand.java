package io.btsnap.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code btsnap help [COMMAND [SUBCOMMAND]]}: the same text as {@code COMMAND --help}. */
@Command(
    name = "help",
    description = "Show the help of a command, as COMMAND --help does.",
    helpCommand = true,
    footerHeading = "%nExamples:%n",
    footer = {"  btsnap help capture", "  btsnap help store gc"})
final class HelpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, and its subcommand if any.")
  List<String> names = new ArrayList<>();

  @Override
  public Integer call() {
    CommandLine target = spec.root().commandLine();
    for (String name : names) {
      CommandLine next = target.getSubcommands().get(name);
      if (next == null || next.getCommandSpec().userObject() == this) {
        throw new ParameterException(spec.commandLine(), "no command '" + String.join(" ", names) + "'");
      }
      target = next;
    }
    target.usage(spec.commandLine().getOut());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
