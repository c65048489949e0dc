package io.btsnap.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints a completion script for bash or zsh. */
@Command(
    name = "completion",
    description = "Print a completion script for bash (default) or zsh.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  source <(btsnap completion)               # bash, in ~/.bashrc",
      "  source <(btsnap completion --shell zsh)   # zsh, in ~/.zshrc"
    })
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @picocli.CommandLine.Option(names = "--shell", paramLabel = "SHELL", defaultValue = "bash",
      description = "bash or zsh (default: ${DEFAULT-VALUE}).")
  String shell;

  @Override
  public Integer call() {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--shell takes bash or zsh, not '" + shell + "'");
    }
    if (shell.equals("zsh")) {
      // zsh runs bash completion functions through bashcompinit.
      spec.commandLine().getOut().print("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n");
    }
    spec.commandLine().getOut().print(AutoComplete.bash("btsnap", spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
