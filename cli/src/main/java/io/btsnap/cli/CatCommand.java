package io.btsnap.cli;

import io.btsnap.store.Store;
import io.btsnap.store.model.Run;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Writes one file of a run to standard output, byte for byte. */
@Command(name = "cat", description = "Print one file of a run, byte for byte.", footerHeading = "%nExamples:%n",
    footer = {"  btsnap cat latest utils/risk.py", "  btsnap cat 20261126-213005-1f47a2 strategy.py | diff - strategy.py"})
final class CatCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN", description = "A run id, a unique prefix, or 'latest'.")
  String runRef;

  @Parameters(index = "1", paramLabel = "PATH", description = "The file's path in the run, as 'show' lists it.")
  String path;

  @Override
  public Integer call() throws Exception {
    try (Store store = BtsnapCommand.of(spec).openStore()) {
      Run run = store.run(runRef);
      byte[] content = store.readFile(run, path);
      spec.commandLine().getOut().flush();
      OutputStream out = BtsnapCommand.of(spec).rawOut();
      out.write(content);
      out.flush();
    }
    return 0;
  }
}
