package io.btsnap.cli.remote;

import io.btsnap.bytes.ByteSizes;
import io.btsnap.cli.options.JsonOption;
import io.btsnap.cli.output.Plural;
import io.btsnap.cli.output.ProgressLine;
import io.btsnap.json.Json;
import io.btsnap.remote.Remote;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What push and pull share: which runs (ids, --all, --label) and how the result is printed. */
abstract class TransferCommand {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;
  @Mixin PassphraseOptions passphrase;

  @Parameters(paramLabel = "RUN", arity = "0..*", description = "Run ids or unique prefixes.")
  List<String> refs = new ArrayList<>();

  @Option(names = "--all", description = "Every run.")
  boolean all;

  @Option(names = "--label", paramLabel = "KEY=VALUE", description = "The runs with this label (repeatable: all must match).")
  List<String> labels = new ArrayList<>();

  /** The runs asked for, as a test on a run; refuses a command line that asks for none or two ways. */
  Predicate<Run> selection() {
    int ways = (refs.isEmpty() ? 0 : 1) + (all ? 1 : 0) + (labels.isEmpty() ? 0 : 1);
    if (ways != 1) {
      throw new ParameterException(spec.commandLine(), "name the runs one way: RUN..., --all, or --label KEY=VALUE");
    }
    Map<String, String> wanted = new LinkedHashMap<>();
    for (String label : labels) {
      int eq = label.indexOf('=');
      if (eq <= 0) {
        throw new ParameterException(spec.commandLine(), "--label needs KEY=VALUE: '" + label + "'");
      }
      wanted.put(label.substring(0, eq), label.substring(eq + 1));
    }
    if (all) {
      return r -> true;
    }
    if (!wanted.isEmpty()) {
      return r -> wanted.entrySet().stream().allMatch(e -> e.getValue().equals(r.labels().get(e.getKey())));
    }
    return r -> refs.stream().anyMatch(ref -> r.id().value().startsWith(ref));
  }

  /**
   * A progress line on stderr, redrawn at most ten times a second, when a person watches: a
   * terminal, and no --json. Scripts and logs get nothing extra.
   */
  Remote.Progress progress() {
    if (!ProgressLine.wanted() || json.enabled()) {
      return Remote.Progress.NONE;
    }
    return ProgressLine.on(spec.commandLine().getErr())::update;
  }

  void print(String verb, String remote, Remote.Transfer t) {
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      Map<String, Object> object = new LinkedHashMap<>();
      object.put("remote", remote);
      object.put("runs", t.runs().stream().map(RunId::value).toList());
      object.put("alreadyThere", t.alreadyThere());
      object.put("blobs", t.blobs());
      object.put("bytes", t.bytes());
      object.put("manifests", t.manifests());
      object.put("requests", t.requests());
      object.put("unlockMs", t.unlockMillis());
      out.println(Json.write(object));
      return;
    }
    out.printf("%s %s %s %s: %s (%s), %s; %d already there; %s%n", verb, Plural.of(t.runs().size(), "run"),
        verb.equals("pushed") ? "to" : "from", remote, Plural.of(t.blobs(), "blob"), ByteSizes.human(t.bytes()),
        Plural.of(t.manifests(), "manifest"), t.alreadyThere(), Plural.of(t.requests(), "request"));
  }
}
