package io.btsnap.cli;

import io.btsnap.cli.output.Json;
import io.btsnap.cli.output.RunJson;
import io.btsnap.store.CaptureRequest;
import io.btsnap.store.CaptureResult;
import io.btsnap.store.Store;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Stores the code of one backtest as a new run and prints its id. */
@Command(
    name = "capture",
    description = "Store the strategy's code as a new run, with its parameters; print the run id.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  btsnap capture rsi_bb_strategy.py -p rsi_period=14 -p bb_std=2.0",
      "  btsnap capture src/strategy.py --root . -l sweep=rsi --json"
    })
final class CaptureCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Parameters(index = "0", paramLabel = "ENTRY", description = "The strategy's main file.")
  Path entry;

  @Option(
      names = {"-p", "--param"},
      paramLabel = "KEY=VALUE",
      description = "A parameter of this backtest (repeatable, order kept).")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(
      names = {"-l", "--label"},
      paramLabel = "KEY=VALUE",
      description = "A label to find the run by later (repeatable).")
  Map<String, String> labels = new LinkedHashMap<>();

  @Option(names = "--root", paramLabel = "DIR", description = "The project root (default: found from ENTRY).")
  Path root;

  @Override
  public Integer call() throws Exception {
    CaptureRequest request =
        CaptureRequest.of(entry).withParams(KeyValues.checked(spec, "--param", params)).withLabels(KeyValues.checked(spec, "--label", labels));
    if (root != null) {
      request = request.withRoot(root);
    }
    try (Store store = BtsnapCommand.of(spec).openOrCreateStore()) {
      CaptureResult result = store.capture(request);
      if (json.enabled()) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", result.run().id().value());
        out.put("mode", result.run().mode().spelling());
        out.put("entry", result.run().entry());
        out.put("root", result.run().root());
        out.put("files", RunJson.files(result.manifest()));
        out.put("newBlobs", result.newBlobs());
        out.put("newBytes", result.newBytes());
        spec.commandLine().getOut().println(Json.write(out));
      } else {
        spec.commandLine().getOut().println(result.run().id().value());
      }
    }
    return 0;
  }
}
