package io.btsnap.cli;

import io.btsnap.json.Json;
import io.btsnap.cli.output.RunJson;
import io.btsnap.store.BlobId;
import io.btsnap.store.Run;
import io.btsnap.store.Store;
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
        RemoteListing.print(store, remote, query, limit == null ? Integer.MAX_VALUE : limit, json.enabled(), app.rawOut(), out);
        return 0;
      }
      Map<BlobId, Integer> fileCounts = new HashMap<>();
      Printer printer = json.enabled() ? new JsonPrinter(app, store, fileCounts) : new TextPrinter(out, store, fileCounts, query.sortBy());
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

  private static final class TextPrinter implements Printer {
    private final PrintWriter out;
    private final Store store;
    private final Map<BlobId, Integer> fileCounts;
    private final Optional<String> metric;
    private final StringBuilder line = new StringBuilder(160);
    private boolean first = true;

    TextPrinter(PrintWriter out, Store store, Map<BlobId, Integer> fileCounts, Optional<String> metric) {
      this.out = out;
      this.store = store;
      this.fileCounts = fileCounts;
      this.metric = metric;
    }

    @Override
    public void print(Run run) throws IOException {
      if (first) {
        line.setLength(0);
        pad(line, "ID", 22).append("  ");
        pad(line, "CREATED (UTC)", 19).append("  ");
        pad(line, "MODE", 7).append("  ").append("FILES  PIN  ");
        metric.ifPresent(m -> right(line, m.toUpperCase(java.util.Locale.ROOT), 10).append("  "));
        pad(line, "ENTRY", ENTRY_WIDTH).append("  PARAMS  [LABELS]");
        out.append(line).append(System.lineSeparator());
        first = false;
      }
      // One format per line is most of the time of listing 100k runs; columns are padded by hand.
      line.setLength(0);
      pad(line, run.id().value(), 22).append("  ");
      pad(line, run.created().toString().substring(0, 19).replace('T', ' '), 19).append("  ");
      pad(line, run.mode().spelling(), 7).append("  ");
      right(line, String.valueOf(fileCount(store, run, fileCounts)), 5).append("  ");
      pad(line, run.pinned() ? "yes" : "", 3).append("  ");
      metric.ifPresent(m -> {
        Double v = run.metrics().get(m);
        right(line, v == null ? "-" : MetricText.format(v), 10).append("  ");
      });
      pad(line, run.entry().isEmpty() ? "-" : run.entry(), ENTRY_WIDTH).append(' ');
      run.params().forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
      if (!run.labels().isEmpty()) {
        line.append("  [");
        boolean firstLabel = true;
        for (Map.Entry<String, String> l : run.labels().entrySet()) {
          line.append(firstLabel ? "" : " ").append(l.getKey()).append('=').append(l.getValue());
          firstLabel = false;
        }
        line.append(']');
      }
      // append, not println: the writer flushes on every println, a write call per run.
      out.append(line).append(System.lineSeparator());
    }

    @Override
    public void end() {
      out.flush();
    }
  }

  /** Wide enough for most entry files; a longer one pushes its own line's parameters right. */
  private static final int ENTRY_WIDTH = 24;

  private static StringBuilder pad(StringBuilder line, String text, int width) {
    return line.append(text).append(" ".repeat(Math.max(0, width - text.length())));
  }

  private static StringBuilder right(StringBuilder line, String text, int width) {
    return line.append(" ".repeat(Math.max(0, width - text.length()))).append(text);
  }

  /** Returns how many files the run's manifest lists, reading each manifest once. */
  private static int fileCount(Store store, Run run, Map<BlobId, Integer> counts) throws IOException {
    Integer count = counts.get(run.manifest());
    if (count == null) {
      count = store.manifest(run).entries().size();
      counts.put(run.manifest(), count);
    }
    return count;
  }
}
