package io.btsnap.cli;

import io.btsnap.cli.options.JsonOption;
import io.btsnap.cli.output.Plural;
import io.btsnap.json.Json;
import io.btsnap.store.Store;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Environment;
import io.btsnap.store.model.FileChange;
import io.btsnap.store.model.Run;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Reports one sweep: its runs, the code versions they used and how those differ, the environments. */
@Command(
    name = "sweep",
    description = "Report a sweep (the runs labelled sweep=NAME): its runs, the code versions used with their"
        + " run counts and the files that changed between them, and the environments.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  btsnap capture strategy.py --mode imports --sweep rsi_grid -p rsi_period=14",
      "  btsnap sweep rsi_grid",
      "  btsnap sweep rsi_grid --json"
    })
final class SweepCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Parameters(paramLabel = "NAME", description = "The sweep's name.")
  String name;

  /** One manifest's runs in the sweep, in order of first use. */
  private static final class Version {
    final BlobId manifest;
    final List<Run> runs = new ArrayList<>();
    List<FileChange> changes = List.of();

    Version(BlobId manifest) {
      this.manifest = manifest;
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (Store store = BtsnapCommand.of(spec).openStore()) {
      List<Run> runs = new ArrayList<>();
      store.forEachRun(run -> {
        if (name.equals(run.labels().get(Run.SWEEP_LABEL))) {
          runs.add(run);
        }
      });
      if (runs.isEmpty()) {
        throw new IllegalArgumentException("no runs in sweep " + name + " (capture with --sweep " + name + ")");
      }
      java.util.Collections.reverse(runs); // oldest first
      Map<BlobId, Version> versions = new LinkedHashMap<>();
      Map<Environment, List<Run>> environments = new LinkedHashMap<>();
      for (Run run : runs) {
        versions.computeIfAbsent(run.manifest(), Version::new).runs.add(run);
        environments.computeIfAbsent(run.environment(), e -> new ArrayList<>()).add(run);
      }
      Version previous = null;
      for (Version v : versions.values()) {
        if (previous != null) {
          v.changes = store.diff(previous.runs.get(0), v.runs.get(0)).changes();
        }
        previous = v;
      }
      if (json.enabled()) {
        out.println(Json.write(toJson(runs, versions, environments)));
      } else {
        print(out, runs, versions, environments);
      }
    }
    return 0;
  }

  private void print(PrintWriter out, List<Run> runs, Map<BlobId, Version> versions, Map<Environment, List<Run>> environments) {
    Run first = runs.get(0);
    Run last = runs.get(runs.size() - 1);
    out.printf("sweep %s: %s, %s (%s)%s%n", name, Plural.of(runs.size(), "run"), first.id(), time(first),
        runs.size() == 1 ? "" : " to " + last.id() + " (" + time(last) + ")");
    out.printf("code versions: %d%n", versions.size());
    int n = 0;
    for (Version v : versions.values()) {
      n++;
      out.printf("  %d  %s  %-8s  %s%n", n, v.manifest.shortForm(), Plural.of(v.runs.size(), "run"),
          v.runs.size() == 1 ? v.runs.get(0).id() : v.runs.get(0).id() + " to " + v.runs.get(v.runs.size() - 1).id());
      for (FileChange c : v.changes) {
        out.printf("       %s %s%n", c.kind().letter(), c.path());
      }
    }
    out.printf("environments: %d%n", environments.size());
    for (Map.Entry<Environment, List<Run>> e : environments.entrySet()) {
      out.printf("  %-8s  %s%n", Plural.of(e.getValue().size(), "run"), e.getKey().summary());
    }
  }

  private Map<String, Object> toJson(List<Run> runs, Map<BlobId, Version> versions, Map<Environment, List<Run>> environments) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("sweep", name);
    json.put("runs", runs.size());
    json.put("first", runs.get(0).id().value());
    json.put("last", runs.get(runs.size() - 1).id().value());
    List<Object> list = new ArrayList<>();
    for (Version v : versions.values()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("manifest", v.manifest.hex());
      item.put("runs", v.runs.size());
      item.put("first", v.runs.get(0).id().value());
      item.put("last", v.runs.get(v.runs.size() - 1).id().value());
      List<Object> changes = new ArrayList<>();
      for (FileChange c : v.changes) {
        changes.add(Map.of("path", c.path(), "change", c.kind().name().toLowerCase(Locale.ROOT)));
      }
      item.put("changes", changes);
      list.add(item);
    }
    json.put("versions", list);
    List<Object> envs = new ArrayList<>();
    for (Map.Entry<Environment, List<Run>> e : environments.entrySet()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("runs", e.getValue().size());
      item.put("summary", e.getKey().summary());
      item.put("environment", e.getKey().values());
      envs.add(item);
    }
    json.put("environments", envs);
    return json;
  }

  private static String time(Run run) {
    return run.created().toString().substring(0, 19).replace('T', ' ');
  }

}
