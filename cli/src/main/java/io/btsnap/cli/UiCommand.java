package io.btsnap.cli;

import io.btsnap.store.Store;
import io.btsnap.ui.UiServer;
import io.btsnap.ui.UiSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Serves the store's read-only web page until stopped. */
@Command(
    name = "ui",
    description = {
      "Serve a read-only web page of the store on this machine: the runs (sorted, filtered, paged),"
          + " each run's files and source, a sweep's heatmap, the code diff of two runs.",
      "Prints one line, the address to open with its token; serves until Ctrl-C."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  btsnap ui",
      "  btsnap ui --port 8700",
      "  btsnap ui --bind 0.0.0.0 --allow-host mybox.lan   # other machines too"
    })
final class UiCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "PORT", description = "The port (default: a free one).")
  int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", description = "The address to listen on (default: 127.0.0.1, this machine only).")
  String bind;

  @Option(names = "--allow-host", paramLabel = "NAME",
      description = "A host name the browser may use besides 127.0.0.1 and localhost (repeatable).")
  List<String> allowHosts = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port must be from 0 to 65535: " + port);
    }
    InetAddress address = UiSettings.LOOPBACK;
    if (bind != null) {
      try {
        address = InetAddress.getByName(bind);
      } catch (UnknownHostException e) {
        throw new ParameterException(spec.commandLine(), "--bind: no such address '" + bind + "'");
      }
    }
    BtsnapCommand app = BtsnapCommand.of(spec);
    PrintWriter out = spec.commandLine().getOut();
    Path storeDir = app.storeDir();
    boolean defaultStore = storeDir.toAbsolutePath().normalize()
        .equals(Store.defaultLocation(app.environment()).toAbsolutePath().normalize());
    UiSettings settings = new UiSettings(address, port, Set.copyOf(allowHosts),
        defaultStore ? Optional.empty() : Optional.of(storeDir.toAbsolutePath().normalize()));
    try (Store store = app.openStore()) {
      UiServer server;
      try {
        server = UiServer.start(store, settings);
      } catch (BindException e) {
        throw new IOException("cannot listen on " + address.getHostAddress() + ":" + port + " (" + e.getMessage()
            + "): give another --port, or none for a free one");
      }
      if (!address.isLoopbackAddress()) {
        spec.commandLine().getErr().println("btsnap: warning: serving on " + address.getHostAddress()
            + ", beyond this machine: anyone who learns the token can read every run's code");
        spec.commandLine().getErr().flush();
      }
      // Ctrl-C: the JVM runs this, then exits; requests in progress finish and the store closes cleanly.
      Thread stop = new Thread(() -> {
        server.close();
        store.close();
      }, "btsnap-ui-stop");
      Runtime.getRuntime().addShutdownHook(stop);
      out.println("btsnap ui: " + server.address());
      out.flush();
      server.awaitClose();
    }
    return 0;
  }
}
