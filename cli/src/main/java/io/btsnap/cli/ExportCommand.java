package io.btsnap.cli;

import io.btsnap.store.Store;
import io.btsnap.store.model.Run;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Writes runs to a .tar.gz that plain tar unpacks. */
@Command(
    name = "export",
    description = "Write runs to a .tar.gz: one folder per run with its files and .btsnap/run.json.",
    footerHeading = "%nExamples:%n",
    footer = {"  btsnap export latest 20261126-213005-1f47a2 -o best.tar.gz", "  tar -xzf best.tar.gz",
      "  btsnap export latest -o best.tar.gz --force      # replace the archive"})
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "RUN", description = "Run ids, unique prefixes, or 'latest'.")
  List<String> runRefs;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.tar.gz", description = "The archive to write.")
  Path output;

  @Option(names = "--force", description = "Replace an existing archive.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    Path folder = output.toAbsolutePath().getParent();
    if (folder != null && !java.nio.file.Files.isDirectory(folder)) {
      throw new io.btsnap.store.model.StoreException("cannot write " + output + ": no such folder " + folder);
    }
    if (java.nio.file.Files.isDirectory(output)) {
      throw new io.btsnap.store.model.StoreException("cannot write " + output + ": it is a folder; name the archive file");
    }
    if (java.nio.file.Files.exists(output) && !force) {
      throw new io.btsnap.store.model.StoreException(output + " exists: pass --force to replace it");
    }
    try (Store store = BtsnapCommand.of(spec).openStore()) {
      List<Run> runs = store.exportRuns(runRefs, output);
      spec.commandLine().getOut().printf("exported %s to %s%n", io.btsnap.cli.output.Plural.of(runs.size(), "run"), output);
    }
    return 0;
  }
}
