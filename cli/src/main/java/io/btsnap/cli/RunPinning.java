package io.btsnap.cli;

import io.btsnap.store.Store;
import io.btsnap.store.model.Run;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Sets or clears a run's pinned flag: the body of {@code pin} and {@code unpin}. */
abstract class RunPinning implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN", description = "A run id, a unique prefix, or 'latest'.")
  String runRef;

  private final boolean pinned;

  RunPinning(boolean pinned) {
    this.pinned = pinned;
  }

  @Override
  public Integer call() throws Exception {
    try (Store store = BtsnapCommand.of(spec).openStore()) {
      Run run = store.pin(runRef, pinned);
      spec.commandLine().getOut().println((pinned ? "pinned " : "unpinned ") + run.id());
    }
    return 0;
  }
}
