package io.btsnap.cli;

import io.btsnap.cli.options.JsonOption;
import io.btsnap.store.Store;
import io.btsnap.store.model.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Sets and removes labels of a run after its capture. */
@Command(
    name = "label",
    description = "Set or remove labels of a run; keeps its other labels.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  btsnap label latest keep=yes",
      "  btsnap label 20261126-213005-1f47a2 --remove keep",
      "  btsnap store gc --keep-label keep=yes --older-than 30d"
    })
final class LabelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Parameters(index = "0", paramLabel = "RUN", description = "A run id, a unique prefix, or 'latest'.")
  String runRef;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "KEY=VALUE", description = "The labels to set.")
  List<String> values = new ArrayList<>();

  @Option(names = "--remove", paramLabel = "KEY", description = "A label to remove (repeatable).")
  List<String> remove = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (values.isEmpty() && remove.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "give labels to set (KEY=VALUE) or --remove KEY");
    }
    Map<String, String> set = KeyValues.checked(spec, "label", values);
    for (String key : remove) {
      if (set.containsKey(key)) {
        throw new ParameterException(spec.commandLine(), "label " + key + " is both set and removed");
      }
    }
    try (Store store = BtsnapCommand.of(spec).openStore()) {
      Run run = store.relabel(runRef, set, remove);
      AnnotateCommand.print(spec, json, run);
    }
    return 0;
  }
}
