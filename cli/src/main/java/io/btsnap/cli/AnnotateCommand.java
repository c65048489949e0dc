package io.btsnap.cli;

import io.btsnap.cli.options.JsonOption;
import io.btsnap.json.Json;
import io.btsnap.store.Store;
import io.btsnap.store.model.Run;
import io.btsnap.store.query.MetricText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Sets a run's metrics: the results known once the backtest has run. */
@Command(
    name = "annotate",
    description = "Set metrics of a run (numbers: results known after the backtest); keeps its other metrics.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  btsnap annotate latest sharpe=1.42 max_dd=-0.12",
      "  btsnap ls --sort sharpe --limit 10",
      "  btsnap store gc --keep-top 10 --by sharpe --per sweep --dry-run"
    })
final class AnnotateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Parameters(index = "0", paramLabel = "RUN", description = "A run id, a unique prefix, or 'latest'.")
  String runRef;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY=NUMBER", description = "The metrics to set.")
  List<String> values = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Map<String, Double> metrics = new LinkedHashMap<>();
    try {
      KeyValues.parse("metric", values).forEach((k, v) -> metrics.put(k, MetricText.parse(k, v)));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    try (Store store = BtsnapCommand.of(spec).openStore()) {
      Run run = store.annotate(runRef, metrics);
      print(spec, json, run);
    }
    return 0;
  }

  /** Prints the changed run: its id and what it now holds, or {@code show --json}'s header with {@code --json}. */
  static void print(CommandSpec spec, JsonOption json, Run run) {
    if (json.enabled()) {
      Map<String, Object> object = new LinkedHashMap<>();
      object.put("id", run.id().value());
      object.put("labels", run.labels());
      object.put("metrics", run.metrics());
      spec.commandLine().getOut().println(Json.write(object));
      return;
    }
    StringBuilder line = new StringBuilder(run.id().value());
    run.labels().forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
    run.metrics().forEach((k, v) -> line.append(' ').append(k).append('=').append(MetricText.format(v)));
    spec.commandLine().getOut().println(line);
  }
}
