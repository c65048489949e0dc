package io.btsnap.cli.serve;

import io.btsnap.cli.convert.DurationConverter;
import io.btsnap.cli.options.GlobalOptions;
import io.btsnap.cli.options.JsonOption;
import io.btsnap.json.Json;
import io.btsnap.serve.CaptureService;
import io.btsnap.serve.ServiceClient;
import io.btsnap.serve.ServiceFolder;
import io.btsnap.store.Store;
import io.btsnap.time.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs, reports on, or stops the warm capture service of a store. */
@Command(
    name = "serve",
    description = {
      "Run the warm capture service of the store: the Python client captures through it in"
          + " milliseconds, and starts it when absent. One service per store and user, on a Unix socket.",
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  btsnap serve --status",
      "  btsnap serve --stop",
      "  btsnap serve --idle 1h        # run in the foreground; exit after an idle hour"
    })
public final class ServeCommand implements Callable<Integer> {
  /** The exit code of --status with no service running, as an init script's status says "not running". */
  static final int NOT_RUNNING = 3;

  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Option(names = "--idle", paramLabel = "DURATION", converter = IdleConverter.class, defaultValue = "15m",
      description = "Exit after this long without a request; 0 never (default: ${DEFAULT-VALUE}).")
  Duration idle;

  @Option(names = "--status", description = "Print the running service's pid, uptime, captures served and store.")
  boolean status;

  @Option(names = "--stop", description = "Stop the running service once its requests in progress are done.")
  boolean stop;

  @Override
  public Integer call() throws Exception {
    GlobalOptions app = GlobalOptions.of(spec);
    PrintWriter out = spec.commandLine().getOut();
    if (status && stop) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--status and --stop exclude each other");
    }
    Path storeDir = app.storeDir();
    if (!Store.exists(storeDir)) {
      throw new IOException("no store at " + storeDir + " (a capture creates it)");
    }
    ServiceFolder folder = ServiceFolder.of(storeDir, app.environment());
    if (status || stop) {
      Optional<Map<String, Object>> reply = ServiceClient.request(folder, stop ? "stop" : "status");
      if (reply.isEmpty()) {
        out.println(json.enabled() ? "{\"running\": false}" : "no capture service runs for " + folder.store());
        return status ? NOT_RUNNING : 0;
      }
      if (stop) {
        ServiceClient.awaitExit(folder, Duration.ofSeconds(70));
      }
      if (json.enabled()) {
        Map<String, Object> shown = new java.util.LinkedHashMap<>(reply.get());
        shown.remove("ok");
        shown.put("running", !stop);
        out.println(Json.write(shown));
      } else if (stop) {
        out.printf("stopped the capture service (pid %s) of %s%n", reply.get().get("pid"), folder.store());
      } else {
        Map<String, Object> r = reply.get();
        out.printf("pid %s, up %s, %s captures served, store %s, socket %s%n", r.get("pid"),
            Durations.human(Duration.ofSeconds((Long) r.get("uptimeSeconds"))), r.get("captures"), r.get("store"), folder.socket());
      }
      return 0;
    }
    try (Store store = Store.openExisting(storeDir)) {
      return CaptureService.serve(folder, store, idle, System.out);
    }
  }

  /** A duration, or 0 for never. */
  static final class IdleConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return value.strip().equals("0") ? Duration.ZERO : new DurationConverter().convert(value);
    }
  }
}
