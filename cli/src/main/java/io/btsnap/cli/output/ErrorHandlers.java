package io.btsnap.cli.output;

import io.btsnap.errors.OneLine;
import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine;

/** Turns failures into one line on stderr and an exit code: 1 for failures, 2 for bad usage. */
public final class ErrorHandlers {
  /** A command ran and failed. */
  public static final int FAILED = 1;
  /** The command line was wrong. */
  public static final int USAGE = 2;

  private ErrorHandlers() {}

  /** Prints {@code btsnap: <message>}; the stack trace only when {@code stackTraces} says so. */
  public static IExecutionExceptionHandler execution(BooleanSupplier stackTraces) {
    return (e, cli, parseResult) -> {
      if (e instanceof CommandLine.ParameterException pe) {
        return parameters().handleParseException(pe, new String[0]);
      }
      return failed(e, cli.getErr(), stackTraces.getAsBoolean());
    };
  }

  /** Prints {@code btsnap: <message>} for a command that failed, and returns {@link #FAILED}. */
  public static int failed(Exception e, PrintWriter err, boolean stackTrace) {
    err.println("btsnap: " + OneLine.message(e));
    if (stackTrace) {
      e.printStackTrace(err);
    }
    err.flush();
    return FAILED;
  }

  /** Prints {@code btsnap: <message> (see '<command> --help')} and returns {@link #USAGE}. */
  public static IParameterExceptionHandler parameters() {
    return (e, args) -> {
      CommandLine cli = e.getCommandLine();
      PrintWriter err = cli.getErr();
      String message = OneLine.of(e.getMessage());
      if (e instanceof CommandLine.UnmatchedArgumentException u && cli.getCommandSpec().parent() == null
          && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
        // A mistyped command: name the nearest one.
        String typed = u.getUnmatched().get(0);
        message = "unknown command '" + typed + "'" + CommandSuggestion.nearest(typed, cli.getSubcommands().keySet())
            .map(s -> ": did you mean '" + s + "'?").orElse("");
      }
      err.println("btsnap: " + message + " (see '" + cli.getCommandSpec().qualifiedName() + " --help')");
      err.flush();
      return USAGE;
    };
  }
}
