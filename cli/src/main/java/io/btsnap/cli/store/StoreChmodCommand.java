package io.btsnap.cli.store;

import io.btsnap.cli.options.GlobalOptions;
import io.btsnap.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Makes a store readable by its owner alone. */
@Command(
    name = "chmod",
    description = {
      "Take every access of other users away from the store: folders 0700, files 0600, blobs 0400.",
      "New stores are made private; this fixes one made before, or copied with a permissive umask."
    },
    footerHeading = "%nExample:%n",
    footer = "  btsnap store chmod --private")
final class StoreChmodCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--private", description = "Owner only (the one mode there is).")
  boolean makePrivate;

  @Override
  public Integer call() throws Exception {
    if (!makePrivate) {
      throw new ParameterException(spec.commandLine(), "say which mode: --private");
    }
    try (Store store = GlobalOptions.of(spec).openStore()) {
      long changed = store.makePrivate();
      spec.commandLine().getOut().println(
          "private: " + store.location() + " (" + changed + (changed == 1 ? " file or folder" : " files and folders") + " changed)");
    }
    return 0;
  }
}
