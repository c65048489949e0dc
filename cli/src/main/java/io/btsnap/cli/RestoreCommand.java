package io.btsnap.cli;

import io.btsnap.bytes.ByteSizes;
import io.btsnap.store.Store;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.Run;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Writes the files of a run into an empty or new folder. */
@Command(name = "restore", description = "Write a run's files, byte-identical, into an empty or new folder.",
    footerHeading = "%nExamples:%n",
    footer = {"  btsnap restore 20261126-213005-1f47a2 /tmp/code", "  btsnap restore latest repro && cd repro && python3 rsi_bb_strategy.py"})
final class RestoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN", description = "A run id, a unique prefix, or 'latest'.")
  String runRef;

  @Parameters(index = "1", paramLabel = "DIR", description = "The target folder: absent or empty.")
  Path target;

  @Override
  public Integer call() throws Exception {
    try (Store store = BtsnapCommand.of(spec).openStore()) {
      Run run = store.run(runRef);
      Manifest manifest = store.restore(run, target);
      spec.commandLine()
          .getOut()
          .printf(
              "restored %d files (%s) of run %s into %s%n",
              manifest.entries().size(), ByteSizes.human(manifest.totalBytes()), run.id(), target);
    }
    return 0;
  }
}
