package io.btsnap.cli;

import io.btsnap.bytes.ByteSizes;
import io.btsnap.cli.output.Plural;
import io.btsnap.store.Store;
import io.btsnap.store.model.FolderImportReport;
import io.btsnap.store.model.ImportResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Adds the runs of an exported archive, or makes runs of a folder of per-run copies. */
@Command(
    name = "import",
    description = {
      "Add the runs of an archive made by 'btsnap export', deduplicated.",
      "With --folders DIR: make one run per subfolder of DIR (per-run copies of a strategy, as other tools"
          + " leave them), deduplicated; the folders are only read."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  btsnap import runs.tar.gz",
      "  btsnap import --folders ~/.zipline/backtests --params params.json --dry-run",
      "  btsnap import --folders results/grid1 --params config.yaml --label sweep=grid1"
    })
final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE.tar.gz", arity = "0..1", description = "The archive.")
  Path archive;

  @Option(names = "--folders", paramLabel = "DIR", description = "Import each subfolder of DIR as a run.")
  Path folders;

  @Option(names = "--params", paramLabel = "FILE_NAME",
      description = "With --folders: the JSON or YAML file in each folder that holds its parameters (not part of the code).")
  String params;

  @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "With --folders: a label for every run made (repeatable).")
  List<String> labels = new ArrayList<>();

  @Option(names = "--dry-run", description = "With --folders: report what would be imported; store nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    if ((archive == null) == (folders == null)) {
      throw new ParameterException(spec.commandLine(), "give an archive, or --folders DIR");
    }
    if (folders == null && (params != null || !labels.isEmpty() || dryRun)) {
      throw new ParameterException(spec.commandLine(), "--params, --label and --dry-run go with --folders");
    }
    return folders != null ? importFolders() : importArchive();
  }

  private int importArchive() throws Exception {
    if (!Files.isRegularFile(archive)) {
      throw new io.btsnap.store.model.StoreException("archive not found: " + archive);
    }
    try (Store store = BtsnapCommand.of(spec).openOrCreateStore()) {
      ImportResult result = store.importArchive(archive);
      PrintWriter out = spec.commandLine().getOut();
      out.print("imported " + Plural.of(result.imported().size(), "run"));
      out.println(result.skipped().isEmpty() ? "" : ", " + result.skipped().size() + " already present");
      result.imported().forEach(id -> out.println("  " + id));
    }
    return 0;
  }

  private int importFolders() throws Exception {
    Map<String, String> labelMap = KeyValues.checked(spec, "--label", labels);
    if (params != null && (params.isBlank() || params.contains("/") || params.contains("\\"))) {
      throw new ParameterException(spec.commandLine(), "--params takes a file name, found in each folder: '" + params + "'");
    }
    if (!Files.isDirectory(folders)) {
      throw new io.btsnap.store.model.StoreException("no such folder: " + folders);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Store store = BtsnapCommand.of(spec).openOrCreateStore()) {
      long before = store.usage().storedBytes();
      FolderImportReport report = store.importFolders(folders, Optional.ofNullable(params), labelMap, dryRun);
      long imported = report.runs().stream().filter(FolderImportReport.FolderRun::imported).count();
      out.printf("%s %s from %s%n", dryRun ? "would import" : "imported", Plural.of(dryRun ? report.runs().size() : imported, "run"),
          folders);
      out.printf("  folders: %s, %s, %s on disk%n", Plural.of(report.runs().size(), "folder"), Plural.of(report.files(), "file"),
          ByteSizes.human(report.folderDiskBytes()));
      if (dryRun) {
        out.printf("  store:   %s of new content (%s), besides the index%n", ByteSizes.human(report.newBytes()),
            Plural.of(report.newBlobs(), "unique file"));
      } else {
        long after = store.usage().storedBytes();
        out.printf("  store:   %s to %s on disk (%s of new content in %s)%n", ByteSizes.human(before), ByteSizes.human(after),
            ByteSizes.human(report.newBytes()), Plural.of(report.newBlobs(), "unique file"));
      }
      long already = report.runs().size() - imported;
      if (!dryRun && already > 0) {
        out.printf("  %s already present%n", Plural.of(already, "run"));
      }
      report.skipped().forEach(s -> out.println("  skipped " + s));
    }
    return 0;
  }
}
