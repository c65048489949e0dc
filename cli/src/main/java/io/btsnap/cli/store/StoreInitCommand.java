package io.btsnap.cli.store;

import io.btsnap.cli.options.GlobalOptions;
import io.btsnap.store.Store;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Creates a store, private or shared with a group. */
@Command(
    name = "init",
    description = {
      "Create a store. It is private (only you can read it), as a first capture would make it;"
          + " with --group, the group can read and add to it.",
      "Sharing has a cost: every member of the group can read every strategy in the store, and"
          + " anything a member captures (a secret included) is readable by all of them."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  btsnap --store /shared/btsnap store init --group quant", "  btsnap store init"})
final class StoreInitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--group", paramLabel = "NAME",
      description = "Share the store with this group (you must be a member): folders 2770, files 0660, blobs 0440.")
  String group;

  @Override
  public Integer call() throws Exception {
    Path dir = GlobalOptions.of(spec).storeDir();
    Store.init(dir, Optional.ofNullable(group));
    spec.commandLine().getOut().println("created " + (group == null ? "private store " : "store for group " + group + " ")
        + dir.toAbsolutePath().normalize());
    return 0;
  }
}
