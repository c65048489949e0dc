package io.btsnap.cli;

import io.btsnap.json.Json;
import io.btsnap.json.RunJson;
import io.btsnap.store.BlobId;
import io.btsnap.store.Run;
import io.btsnap.store.Store;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Lists the runs, newest first. */
@Command(name = "ls", description = "List runs, newest first.")
final class LsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (Store store = BtsnapCommand.of(spec).openStore()) {
      List<Run> runs = store.runs();
      Map<BlobId, Integer> fileCounts = new HashMap<>();
      for (Run run : runs) {
        if (!fileCounts.containsKey(run.manifest())) {
          fileCounts.put(run.manifest(), store.manifest(run).entries().size());
        }
      }
      if (json.enabled()) {
        Json.writeArray(out, () -> runs.stream().<Object>map(r -> RunJson.summary(r, fileCounts.get(r.manifest()))).iterator());
        return 0;
      }
      if (!runs.isEmpty()) {
        out.printf("%-22s  %-20s  %-7s  %5s  %s%n", "ID", "CREATED (UTC)", "MODE", "FILES", "ENTRY  PARAMS");
      }
      for (Run run : runs) {
        out.printf(
            "%-22s  %-20s  %-7s  %5d  %s%s%n",
            run.id(),
            run.created().toString().substring(0, 19).replace('T', ' '),
            run.mode().spelling(),
            fileCounts.get(run.manifest()),
            run.entry(),
            run.params().isEmpty()
                ? ""
                : "  " + run.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
      }
    }
    return 0;
  }
}
