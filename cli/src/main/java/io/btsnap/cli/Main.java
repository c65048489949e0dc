package io.btsnap.cli;

import io.btsnap.cli.output.ErrorHandlers;
import io.btsnap.serve.ServiceCapture;
import io.btsnap.store.Store;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/** The {@code btsnap} program. */
public final class Main {
  private Main() {}

  /** Runs btsnap with {@code args} and exits with its exit code. */
  public static void main(String[] args) {
    int code = run(args, System.out, System.err, System.getenv(), true);
    System.out.flush();
    System.exit(code);
  }

  /**
   * Runs btsnap with {@code args} as {@link #main} does, but returns the exit code: a plain
   * capture without picocli, any other command line through it.
   */
  public static int run(String[] args, OutputStream stdout, OutputStream stderr, Map<String, String> environment) {
    return run(args, stdout, stderr, environment, false);
  }

  /** With {@code background}, the store is opened on another thread, to stay open until exit. */
  private static int run(
      String[] args, OutputStream stdout, OutputStream stderr, Map<String, String> environment, boolean background) {
    Optional<DirectCapture> capture = DirectCapture.parse(args, stdout, environment);
    if (capture.isPresent()) {
      // With a service to take the capture, the index's native binding is never loaded; without
      // one, it loads on another core from the first moment.
      if (ServiceCapture.mayServe(capture.get().storeDir(), environment)) {
        Optional<Integer> served = capture.get().throughService(stdout, stderr);
        if (served.isPresent()) {
          return served.get();
        }
      }
      if (background) {
        BackgroundOpen.start().open(Optional.of(capture.get().storeDir()));
      }
      return capture.get().run(stdout, stderr);
    }
    Optional<String> command = commandNamed(args);
    if (background) {
      BackgroundOpen.start().open(command.isPresent() ? storeBeforeCommand(args, environment) : Optional.empty());
    }
    return commandLine(stdout, stderr, environment, command).execute(args);
  }

  /**
   * Returns the store {@code args} name before their command, else the default one; empty when
   * {@code --store} comes later, where only picocli can tell an option from a value.
   */
  static Optional<Path> storeBeforeCommand(String[] args, Map<String, String> environment) {
    String store = null;
    int i = 0;
    for (; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--store") && i + 1 < args.length) {
        store = args[++i];
      } else if (arg.startsWith("--store=")) {
        store = arg.substring("--store=".length());
      } else if (!arg.equals("--stacktrace")) {
        break;
      }
    }
    for (; i < args.length; i++) {
      if (args[i].equals("--store") || args[i].startsWith("--store=")) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(store != null ? Path.of(store) : Store.defaultLocation(environment));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
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
        // completion and help speak of every command: they need the whole model.
        return BtsnapCommand.SUBCOMMANDS.containsKey(arg) && !arg.equals("completion") && !arg.equals("help")
            ? Optional.of(arg) : Optional.empty();
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
