package io.btsnap.cli;

import io.btsnap.bytes.ByteSizes;
import io.btsnap.cli.options.JsonOption;
import io.btsnap.json.Json;
import io.btsnap.store.Store;
import io.btsnap.store.codec.RunJson;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.Run;
import io.btsnap.store.query.MetricText;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Shows one run: its parameters, labels and files. */
@Command(name = "show", description = "Show a run: parameters, labels, metrics, environment and files.",
    footerHeading = "%nExamples:%n",
    footer = {"  btsnap show latest", "  btsnap show 20261126-213005-1f47a2 --json | jq .params"})
final class ShowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Parameters(paramLabel = "RUN", description = "A run id, a unique prefix of one, or 'latest'.")
  String runRef;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (Store store = BtsnapCommand.of(spec).openStore()) {
      Run run = store.run(runRef);
      Manifest manifest = store.manifest(run);
      if (json.enabled()) {
        out.println(Json.write(RunJson.show(run, manifest)));
        return 0;
      }
      out.println("run       " + run.id());
      out.println("created   " + run.created());
      out.println("mode      " + run.mode().spelling());
      out.println("root      " + run.root());
      out.println("entry     " + (run.entry().isEmpty() ? "-" : run.entry()));
      printMap(out, "params", run.params());
      printMap(out, "labels", run.labels());
      if (!run.metrics().isEmpty()) {
        out.printf("%-9s", "metrics");
        run.metrics().forEach((k, v) -> out.print(" " + k + "=" + MetricText.format(v)));
        out.println();
      }
      out.println("pinned    " + (run.pinned() ? "yes" : "no"));
      out.println("manifest  " + run.manifest().hex());
      out.println("environ   " + run.environment().summary());
      out.println("files     " + manifest.entries().size() + " (" + ByteSizes.human(manifest.totalBytes()) + ")");
      int width = manifest.entries().stream().mapToInt(e -> e.path().value().length() + (e.executable() ? 1 : 0)).max().orElse(0);
      Map<String, String> reasons = run.provenance().reasons();
      for (ManifestEntry e : manifest.entries()) {
        String name = e.path() + (e.executable() ? "*" : "");
        out.printf("  %s  %8d  %-" + width + "s  %s%n", e.blob().shortForm(), e.size(), name,
            reasons.getOrDefault(e.path().value(), ""));
      }
    }
    return 0;
  }

  private static void printMap(PrintWriter out, String name, Map<String, String> map) {
    if (map.isEmpty()) {
      return;
    }
    out.printf("%-9s", name);
    map.forEach((k, v) -> out.print(" " + k + "=" + v));
    out.println();
  }
}
