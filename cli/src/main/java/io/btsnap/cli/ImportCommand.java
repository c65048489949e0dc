package io.btsnap.cli;

import io.btsnap.store.ImportResult;
import io.btsnap.store.Store;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Adds the runs of an exported archive. */
@Command(name = "import", description = "Add the runs of an archive made by 'btsnap export', deduplicated.")
final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE.tar.gz", description = "The archive.")
  Path archive;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(archive)) {
      throw new io.btsnap.store.StoreException("archive not found: " + archive);
    }
    try (Store store = BtsnapCommand.of(spec).openOrCreateStore()) {
      ImportResult result = store.importArchive(archive);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("imported %d run%s", result.imported().size(), result.imported().size() == 1 ? "" : "s");
      out.println(result.skipped().isEmpty() ? "" : ", " + result.skipped().size() + " already present");
      result.imported().forEach(id -> out.println("  " + id));
    }
    return 0;
  }
}
