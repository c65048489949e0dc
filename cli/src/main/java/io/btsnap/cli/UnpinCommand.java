package io.btsnap.cli;

import io.btsnap.store.Run;
import io.btsnap.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Unpins a run: retention applies to it again. */
@Command(name = "unpin", description = "Let retention apply to a run again.")
final class UnpinCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN", description = "A run id, a unique prefix, or 'latest'.")
  String runRef;

  @Override
  public Integer call() throws Exception {
    try (Store store = BtsnapCommand.of(spec).openStore()) {
      Run run = store.pin(runRef, false);
      spec.commandLine().getOut().println("unpinned " + run.id());
    }
    return 0;
  }
}
