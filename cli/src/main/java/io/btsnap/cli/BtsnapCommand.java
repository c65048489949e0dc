package io.btsnap.cli;

import io.btsnap.cli.options.GlobalOptions;
import io.btsnap.cli.store.StoreCommand;
import io.btsnap.store.Store;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level command: global options and the list of subcommands. */
@Command(
    name = "btsnap",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = BuildVersion.class,
    description = "Content-addressed snapshots of the code behind every backtest.",
    synopsisSubcommandLabel = "COMMAND",
    footerHeading = "%nExamples:%n",
    footer = {
      "  btsnap capture strategy.py -p rsi_period=14 -p bb_std=2.0",
      "  btsnap ls",
      "  btsnap show latest --json",
      "  btsnap restore 20261126-213005-1f47a2 /tmp/code",
      "  btsnap store du",
      "",
      "The store is --store DIR, else $BTSNAP_HOME, else ~/.btsnap."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:failed, or problems found (one line on stderr)", "2:bad usage", "3:serve --status: no service runs"})
public final class BtsnapCommand implements GlobalOptions {
  /**
   * The subcommands, in help order. They are added by {@link Main}, not listed in the
   * annotation, so that a run of one command builds the model of that command alone.
   */
  static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

  private static Map<String, Class<?>> subcommands() {
    Map<String, Class<?>> map = new java.util.LinkedHashMap<>();
    map.put("capture", CaptureCommand.class);
    map.put("ls", LsCommand.class);
    map.put("show", ShowCommand.class);
    map.put("cat", CatCommand.class);
    map.put("restore", RestoreCommand.class);
    map.put("diff", DiffCommand.class);
    map.put("pin", PinCommand.class);
    map.put("unpin", UnpinCommand.class);
    map.put("annotate", AnnotateCommand.class);
    map.put("label", LabelCommand.class);
    map.put("sweep", SweepCommand.class);
    map.put("export", ExportCommand.class);
    map.put("import", ImportCommand.class);
    map.put("store", StoreCommand.class);
    map.put("serve", io.btsnap.cli.serve.ServeCommand.class);
    map.put("ui", UiCommand.class);
    map.put("remote", io.btsnap.cli.remote.RemoteCommand.class);
    map.put("push", io.btsnap.cli.remote.PushCommand.class);
    map.put("pull", io.btsnap.cli.remote.PullCommand.class);
    map.put("completion", CompletionCommand.class);
    map.put("help", HelpCommand.class);
    return java.util.Collections.unmodifiableMap(map);
  }

  private final OutputStream rawOut;
  private final Map<String, String> environment;

  @Option(
      names = "--store",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "The store folder (default: $BTSNAP_HOME, else ~/.btsnap).")
  Path store;

  @Option(
      names = "--stacktrace",
      scope = ScopeType.INHERIT,
      description = "Print the stack trace of a failure.")
  boolean stackTrace;

  BtsnapCommand(OutputStream rawOut, Map<String, String> environment) {
    this.rawOut = rawOut;
    this.environment = Map.copyOf(environment);
  }

  /** Returns the root command of the command line that {@code spec} belongs to. */
  static BtsnapCommand of(CommandSpec spec) {
    return (BtsnapCommand) spec.root().userObject();
  }

  @Override
  public Path storeDir() {
    return store != null ? store : Store.defaultLocation(environment);
  }

  @Override
  public Map<String, String> environment() {
    return environment;
  }

  @Override
  public OutputStream rawOut() {
    return rawOut;
  }

  boolean showStackTraces() {
    return stackTrace;
  }
}
