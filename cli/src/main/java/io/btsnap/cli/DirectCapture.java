package io.btsnap.cli;

import io.btsnap.cli.convert.SizeConverter;
import io.btsnap.cli.options.JsonOption;
import io.btsnap.cli.output.ErrorHandlers;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.TypeConversionException;

/**
 * A {@code capture} command line read and run without picocli. Building picocli's model costs a
 * process 60 to 100 ms, a third of a capture, and a grid search pays it once per backtest.
 *
 * <p>The arguments are taken here only when every one has a plain form whose meaning is certain:
 * known options, each single-valued one once, values that do not look like options. Anything
 * else (help, an unknown or repeated option, a value that does not convert, {@code @file}) is left
 * to picocli, which parses the same options and reports the error. A test holds the two
 * readings equal over generated command lines.
 */
final class DirectCapture {
  private static final Set<String> GLOBAL_OPTIONS = Set.of("--store", "--stacktrace");
  private static final Set<String> FLAGS = Set.of("--stacktrace", "--dry-run", "--explain", "--json");

  private final BtsnapCommand app;
  private final CaptureCommand command;

  private DirectCapture(BtsnapCommand app, CaptureCommand command) {
    this.app = app;
    this.command = command;
  }

  /** Returns the capture {@code args} ask for, or empty when picocli must read them. */
  static Optional<DirectCapture> parse(String[] args, OutputStream stdout, Map<String, String> environment) {
    BtsnapCommand app = new BtsnapCommand(stdout, environment);
    CaptureCommand command = new CaptureCommand();
    command.json = JsonOption.of(false);
    Set<String> seen = new HashSet<>();
    boolean inCapture = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.isEmpty() || arg.startsWith("@")) {
        return Optional.empty();
      }
      if (!inCapture && arg.equals("capture")) {
        inCapture = true;
        continue;
      }
      if (!arg.startsWith("-")) {
        Optional<Path> entry = path(arg);
        if (!inCapture || command.entry != null || entry.isEmpty()) {
          return Optional.empty();
        }
        command.entry = entry.get();
        continue;
      }
      String name = arg;
      String value = null;
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        if (eq > 0) {
          name = arg.substring(0, eq);
          value = arg.substring(eq + 1);
        }
      } else if (arg.length() > 2) {
        name = arg.substring(0, 2);
        value = arg.substring(2);
      }
      name = switch (name) {
        case "-p" -> "--param";
        case "-l" -> "--label";
        default -> name;
      };
      boolean repeatable = name.equals("--param") || name.equals("--label");
      if ((!inCapture && !GLOBAL_OPTIONS.contains(name)) || (!repeatable && !seen.add(name))) {
        return Optional.empty();
      }
      if (FLAGS.contains(name)) {
        if (value != null) {
          return Optional.empty();
        }
        switch (name) {
          case "--stacktrace" -> app.stackTrace = true;
          case "--dry-run" -> command.dryRun = true;
          case "--explain" -> command.explain = true;
          default -> command.json = JsonOption.of(true);
        }
        continue;
      }
      if (value == null) {
        if (++i == args.length) {
          return Optional.empty();
        }
        value = args[i];
      }
      // Before the command, picocli refuses a value that names a command.
      boolean namesCommand = !inCapture && BtsnapCommand.SUBCOMMANDS.containsKey(value);
      // picocli gives quotes in a value meanings of its own.
      if (value.isEmpty() || value.startsWith("-") || value.startsWith("@") || value.contains("\"") || namesCommand || !take(app, command, name, value)) {
        return Optional.empty();
      }
    }
    if (!inCapture) {
      return Optional.empty();
    }
    if (!seen.contains("--min-free")) {
      command.minFree = size(CaptureCommand.DEFAULT_MIN_FREE);
    }
    if (!seen.contains("--max-file-size")) {
      command.maxFileSize = size(CaptureCommand.DEFAULT_MAX_FILE_SIZE);
    }
    if (!seen.contains("--max-files")) {
      command.maxFiles = Integer.parseInt(CaptureCommand.DEFAULT_MAX_FILES);
    }
    return Optional.of(new DirectCapture(app, command));
  }

  /** Sets option {@code name} to {@code value}; false when the value is not plainly valid. */
  private static boolean take(BtsnapCommand app, CaptureCommand command, String name, String value) {
    try {
      switch (name) {
        case "--store" -> app.store = Path.of(value);
        case "--param", "--label" -> {
          List<String> values = name.equals("--param") ? command.params : command.labels;
          values.add(value);
          try {
            KeyValues.parse(name, values);
          } catch (IllegalArgumentException e) {
            return false; // picocli's reading reports it
          }
        }
        case "--mode" -> command.mode = new CaptureCommand.ModeConverter().convert(value);
        case "--config" -> command.config = Path.of(value);
        case "--root" -> command.root = Path.of(value);
        case "--sweep" -> command.sweep = value;
        case "--min-free" -> command.minFree = size(value);
        case "--max-file-size" -> command.maxFileSize = size(value);
        case "--max-files" -> {
          // picocli reads the rest (a sign, spaces, overflow) and reports it
          if (!value.matches("[0-9]{1,9}")) {
            return false;
          }
          command.maxFiles = Integer.parseInt(value);
        }
        default -> {
          return false;
        }
      }
      return true;
    } catch (TypeConversionException | InvalidPathException e) {
      return false;
    }
  }

  private static Optional<Path> path(String value) {
    try {
      return Optional.of(Path.of(value));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  private static long size(String value) {
    return new SizeConverter().convert(value);
  }

  BtsnapCommand app() {
    return app;
  }

  CaptureCommand command() {
    return command;
  }

  /** Returns the store folder the capture writes to. */
  Path storeDir() {
    return app.storeDir();
  }

  /**
   * Captures through the store's warm service when one of this build runs; empty when the
   * capture is this process's to run. Returns the exit code, having printed any failure.
   */
  Optional<Integer> throughService(OutputStream stdout, OutputStream stderr) {
    PrintWriter out = new PrintWriter(stdout, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(stderr, true, StandardCharsets.UTF_8);
    try {
      return command.throughService(app, out, err);
    } catch (Exception e) {
      return Optional.of(ErrorHandlers.failed(e, err, app.stackTrace));
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Runs the capture; returns the exit code, having printed any failure as one line. */
  int run(OutputStream stdout, OutputStream stderr) {
    PrintWriter out = new PrintWriter(stdout, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(stderr, true, StandardCharsets.UTF_8);
    try {
      return command.execute(app, out, err);
    } catch (Exception e) {
      return ErrorHandlers.failed(e, err, app.stackTrace);
    } finally {
      out.flush();
      err.flush();
    }
  }
}
