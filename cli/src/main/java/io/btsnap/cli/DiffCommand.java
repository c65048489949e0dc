package io.btsnap.cli;

import io.btsnap.cli.options.JsonOption;
import io.btsnap.diff.UnifiedDiff;
import io.btsnap.json.Json;
import io.btsnap.store.Store;
import io.btsnap.store.codec.RunJson;
import io.btsnap.store.model.Environment;
import io.btsnap.store.model.FileChange;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunDiff;
import java.io.IOException;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Lists the files that differ between two runs, or prints their unified diff. */
@Command(
    name = "diff",
    description = "List files added (A), removed (D) or changed (M) from RUN_A to RUN_B.",
    footerHeading = "%nExamples:%n",
    footer = {"  btsnap diff 20261126-213005-1f47a2 latest --patch",
      "  btsnap diff RUN_A RUN_B --exit-code && echo same code"})
final class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Parameters(index = "0", paramLabel = "RUN_A", description = "The earlier run.")
  String fromRef;

  @Parameters(index = "1", paramLabel = "RUN_B", description = "The later run.")
  String toRef;

  @Option(names = "--patch", description = "Print a unified diff of each changed text file.")
  boolean patch;

  @Option(names = "--exit-code", description = "Exit with 1 when the code differs, 0 when it is the same (as git diff --exit-code).")
  boolean exitCode;

  @Override
  public Integer call() throws Exception {
    if (patch && json.enabled()) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--patch and --json can't be combined");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Store store = BtsnapCommand.of(spec).openStore()) {
      Run from = store.run(fromRef);
      Run to = store.run(toRef);
      RunDiff diff = store.diff(from, to);
      if (json.enabled()) {
        out.println(Json.write(toJson(diff)));
      } else if (patch) {
        for (FileChange change : diff.changes()) {
          out.print(patchOf(store, diff, change));
        }
        if (diff.changes().isEmpty()) {
          out.println("no differences in code");
        }
      } else {
        for (FileChange change : diff.changes()) {
          out.println(change.kind().letter() + "\t" + change.path());
        }
        // Beside the code: a package upgraded or a new commit can change a result too.
        List<Environment.Change> environment = from.environment().changesTo(to.environment());
        for (Environment.Change change : environment) {
          out.println("env\t" + change.key() + ": " + shown(change.before()) + " -> " + shown(change.after()));
        }
        // Silence would read as a failed command.
        if (diff.changes().isEmpty() && environment.isEmpty()) {
          out.println("no differences");
        }
      }
      return exitCode && !diff.changes().isEmpty() ? 1 : 0;
    }
  }

  private static String patchOf(Store store, RunDiff diff, FileChange change) throws IOException {
    byte[] before = change.before().isPresent() ? store.readFile(diff.from(), change.path()) : null;
    byte[] after = change.after().isPresent() ? store.readFile(diff.to(), change.path()) : null;
    String header = "diff " + diff.from().id() + " " + diff.to().id() + " -- " + change.path() + "\n";
    if (before != null && after != null && change.before().get().blob().equals(change.after().get().blob())) {
      return header + "executable bit " + (change.after().get().executable() ? "set" : "cleared") + "\n";
    }
    return header + UnifiedDiff.patch(change.path(), before, after);
  }

  private static String shown(String value) {
    return value == null ? "(none)" : value;
  }


  private static Map<String, Object> toJson(RunDiff diff) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("from", diff.from().id().value());
    json.put("to", diff.to().id().value());
    List<Object> changes = new ArrayList<>();
    for (FileChange c : diff.changes()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("path", c.path());
      item.put("change", c.kind().name().toLowerCase(Locale.ROOT));
      item.put("before", c.before().map(RunJson::file).orElse(null));
      item.put("after", c.after().map(RunJson::file).orElse(null));
      changes.add(item);
    }
    json.put("changes", changes);
    List<Object> environment = new ArrayList<>();
    for (Environment.Change c : diff.from().environment().changesTo(diff.to().environment())) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("key", c.key());
      item.put("before", c.before());
      item.put("after", c.after());
      environment.add(item);
    }
    json.put("environment", environment);
    return json;
  }
}
