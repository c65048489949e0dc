package io.btsnap.cli;

import io.btsnap.cli.output.ErrorHandlers;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import io.btsnap.store.Store;
import picocli.CommandLine;

/** The {@code btsnap} program. */
public final class Main {
  private Main() {}

  /** Runs btsnap with {@code args} and exits with its exit code. */
  public static void main(String[] args) {
    Optional<String> command = commandNamed(args);
    if (command.isPresent()) {
      Store.preloadNativeLibrary();
    }
    int code = commandLine(System.out, System.err, System.getenv(), command).execute(args);
    System.out.flush();
    System.exit(code);
  }

  /**
   * Returns the subcommand {@code args} run, if it can be told without parsing: the first word
   * after the global options. Building picocli's model of one command instead of all of them
   * is a good part of a short command's start-up.
   */
  static Optional<String> commandNamed(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--store")) {
        i++;
      } else if (!arg.startsWith("--store=") && !arg.equals("--stacktrace")) {
        return BtsnapCommand.SUBCOMMANDS.containsKey(arg) && !arg.equals("completion") ? Optional.of(arg) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * Builds the command line that writes to {@code stdout} and {@code stderr}: the one place that
   * decides exit codes (0 done, 1 failed, 2 bad usage) and how errors are printed.
   */
  public static CommandLine commandLine(OutputStream stdout, OutputStream stderr) {
    return commandLine(stdout, stderr, System.getenv());
  }

  /** Builds the command line as {@link #commandLine(OutputStream, OutputStream)}, seeing {@code environment}. */
  public static CommandLine commandLine(OutputStream stdout, OutputStream stderr, Map<String, String> environment) {
    return commandLine(stdout, stderr, environment, Optional.empty());
  }

  /** Builds the command line with all subcommands, or only {@code only} when given. */
  static CommandLine commandLine(
      OutputStream stdout, OutputStream stderr, Map<String, String> environment, Optional<String> only) {
    BtsnapCommand root = new BtsnapCommand(stdout, environment);
    CommandLine cli = new CommandLine(root);
    for (Map.Entry<String, Class<?>> sub : BtsnapCommand.SUBCOMMANDS.entrySet()) {
      if (only.isEmpty() || only.get().equals(sub.getKey())) {
        cli.addSubcommand(sub.getKey(), sub.getValue());
      }
    }
    cli.setOut(new PrintWriter(stdout, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(stderr, true, StandardCharsets.UTF_8));
    cli.setExecutionExceptionHandler(ErrorHandlers.execution(root::showStackTraces));
    cli.setParameterExceptionHandler(ErrorHandlers.parameters());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    // print() on the writers does not autoflush; flush once however the command ends.
    cli.setExecutionStrategy(
        parseResult -> {
          try {
            return new CommandLine.RunLast().execute(parseResult);
          } finally {
            cli.getOut().flush();
            cli.getErr().flush();
          }
        });
    return cli;
  }
}
