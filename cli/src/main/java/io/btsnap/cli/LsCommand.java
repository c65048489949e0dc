package io.btsnap.cli;

import io.btsnap.cli.options.JsonOption;
import io.btsnap.json.Json;
import io.btsnap.store.Store;
import io.btsnap.store.codec.RunJson;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Run;
import io.btsnap.store.query.RunQuery;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Lists the runs, newest first, or filtered and sorted by their labels, parameters and metrics. */
@Command(
    name = "ls",
    description = "List runs, newest first; filter by labels, parameters and metrics; sort by a metric.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  btsnap ls --label sweep=rsi_bb --sort sharpe --limit 10",
      "  btsnap ls --where 'sharpe>1' --where 'max_dd>-0.2' --sort +max_dd",
      "  btsnap ls --param rsi_period=14 --json"
    })
final class LsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Only runs with this label (repeatable: all must match).")
  List<String> labels = new ArrayList<>();

  @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Only runs with this parameter value (repeatable).")
  List<String> params = new ArrayList<>();

  @Option(names = "--where", paramLabel = "CONDITION",
      description = "Only runs whose metric satisfies it: METRIC OP NUMBER, OP one of > >= < <= = != (repeatable).")
  List<String> where = new ArrayList<>();

  @Option(names = "--sort", paramLabel = "METRIC",
      description = "Sort by a metric, highest first; +METRIC lowest first. Runs without it come last.")
  String sort;

  @Option(names = "--metrics", paramLabel = "NAME", split = ",",
      description = "Metric columns of the listing (default: the sorted metric and those most listed runs have, at most three).")
  List<String> metricColumns;

  @Option(names = "--limit", paramLabel = "N", description = "Show at most N runs.")
  Integer limit;

  @Option(names = "--remote", paramLabel = "NAME", description = "List the runs of this remote, without pulling them.")
  String remote;

  @Override
  public Integer call() throws Exception {
    RunQuery query;
    try {
      query = RunQuery.of(KeyValues.parse("--label", labels), KeyValues.parse("--param", params), where, sort);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (limit != null && limit < 0) {
      throw new ParameterException(spec.commandLine(), "--limit must not be negative: " + limit);
    }
    PrintWriter out = spec.commandLine().getOut();
    BtsnapCommand app = BtsnapCommand.of(spec);
    try (Store store = app.openStore()) {
      if (remote != null) {
        // Only here does ls load the remote module.
        RemoteListing.print(store, remote, query, limit == null ? Integer.MAX_VALUE : limit, json.enabled(), app.rawOut(), out,
            app.environment());
        return 0;
      }
      Map<BlobId, Integer> fileCounts = new HashMap<>();
      Printer printer = json.enabled() ? new JsonPrinter(app, store, fileCounts)
          : new TextPrinter(out, new RunLines(store, fileCounts, query.sortBy(), Optional.ofNullable(metricColumns)));
      int max = limit == null ? Integer.MAX_VALUE : limit;
      if (query.sortBy().isPresent()) {
        List<Run> matched = new ArrayList<>();
        store.forEachRun(run -> {
          if (query.matches(run)) {
            matched.add(run);
          }
        });
        matched.sort(query.order());
        for (Run run : matched.subList(0, Math.min(max, matched.size()))) {
          printer.print(run);
        }
      } else {
        int[] shown = {0};
        try {
          store.forEachRun(run -> {
            if (shown[0] >= max) {
              throw new Enough();
            }
            if (query.matches(run)) {
              printer.print(run);
              shown[0]++;
            }
          });
        } catch (Enough e) {
          // --limit reached: the rest of the store is not read
        }
      }
      printer.end();
    }
    return 0;
  }

  /** Ends a listing that has shown its --limit. */
  private static final class Enough extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Enough() {
      super(null, null, false, false);
    }
  }

  private interface Printer {
    void print(Run run) throws IOException;

    void end() throws IOException;
  }

  /** One compact object per line, written as UTF-8 to the raw stream: fast over 100k runs. */
  private static final class JsonPrinter implements Printer {
    private final Json.ArrayWriter array;
    private final Store store;
    private final Map<BlobId, Integer> fileCounts;

    JsonPrinter(BtsnapCommand app, Store store, Map<BlobId, Integer> fileCounts) {
      this.array = new Json.ArrayWriter(app.rawOut());
      this.store = store;
      this.fileCounts = fileCounts;
    }

    @Override
    public void print(Run run) throws IOException {
      int files = fileCount(store, run, fileCounts);
      array.addObject(fields -> RunJson.summary(run, files, fields));
    }

    @Override
    public void end() throws IOException {
      array.end();
    }
  }

  /**
   * Text lines. The metric columns are chosen from the first {@link #SAMPLE} runs listed, which
   * are held back until then; the rest stream, so a listing of 100k runs holds no more.
   */
  private static final class TextPrinter implements Printer {
    private static final int SAMPLE = 1000;
    private final PrintWriter out;
    private final RunLines lines;
    private final List<Run> held = new ArrayList<>();
    private boolean started;

    TextPrinter(PrintWriter out, RunLines lines) {
      this.out = out;
      this.lines = lines;
    }

    @Override
    public void print(Run run) throws IOException {
      if (started) {
        // append, not println: the writer flushes on every println, a write call per run.
        out.append(lines.line(run)).append(System.lineSeparator());
        return;
      }
      held.add(run);
      if (held.size() == SAMPLE) {
        start();
      }
    }

    private void start() throws IOException {
      started = true;
      if (held.isEmpty()) {
        return;
      }
      lines.chooseColumns(held);
      out.append(lines.header()).append(System.lineSeparator());
      for (Run run : held) {
        out.append(lines.line(run)).append(System.lineSeparator());
      }
      held.clear();
    }

    @Override
    public void end() throws IOException {
      if (!started) {
        start();
      }
      out.flush();
    }
  }

  /** Returns how many files the run's manifest lists, reading each manifest once. */
  static int fileCount(Store store, Run run, Map<BlobId, Integer> counts) throws IOException {
    Integer count = counts.get(run.manifest());
    if (count == null) {
      count = store.manifest(run).entries().size();
      counts.put(run.manifest(), count);
    }
    return count;
  }
}
