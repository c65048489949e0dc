package io.btsnap.cli;

import io.btsnap.store.Run;
import io.btsnap.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Pins a run, so that no gc deletes it. */
@Command(name = "pin", description = "Keep a run through every gc.")
final class PinCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN", description = "A run id, a unique prefix, or 'latest'.")
  String runRef;

  @Override
  public Integer call() throws Exception {
    try (Store store = BtsnapCommand.of(spec).openStore()) {
      Run run = store.pin(runRef, true);
      spec.commandLine().getOut().println("pinned " + run.id());
    }
    return 0;
  }
}
