package io.btsnap.cli.remote;

import io.btsnap.bytes.ByteSizes;
import io.btsnap.cli.convert.DurationConverter;
import io.btsnap.cli.options.GlobalOptions;
import io.btsnap.cli.options.JsonOption;
import io.btsnap.cli.options.RetentionOptions;
import io.btsnap.cli.output.Plural;
import io.btsnap.cli.output.RetentionText;
import io.btsnap.json.Json;
import io.btsnap.remote.Remote;
import io.btsnap.remote.Remotes;
import io.btsnap.store.Store;
import io.btsnap.store.model.RetentionPolicy;
import io.btsnap.store.model.RunId;
import io.btsnap.time.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code remote gc}: retention on the remote's runs, and its garbage in two phases. */
@Command(
    name = "gc",
    description = {
      "Apply retention to the remote's runs, then delete what no run references, in two phases:"
          + " a gc marks what is unreferenced; a later gc, once the mark is older than --margin and every"
          + " push in flight has seen it, deletes what is still unreferenced. Pushes never wait for a mark;"
          + " they wait only while a gc deletes (at most --sweep-limit).",
      "Keep rules are ORed; pinned runs are never deleted; with no retention option no run is deleted."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  btsnap remote gc shared                                   # mark now; delete what an earlier gc marked",
      "  btsnap remote gc shared --keep-top 20 --by sharpe --per sweep --dry-run",
      "  btsnap remote gc shared --older-than 90d --keep-label keep=yes"
    })
final class RemoteGcCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;
  @Mixin RetentionOptions retention;
  @Mixin PassphraseOptions passphrase;

  @Parameters(paramLabel = "NAME", arity = "0..1", description = "The remote (default: the only one).") String name;

  @Option(names = "--margin", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1h",
      description = "Delete what an earlier gc marked only once the mark is this old (default: ${DEFAULT-VALUE}).")
  Duration margin;

  @Option(names = "--sweep-limit", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "2m",
      description = "Pushes wait for a deleting gc at most this long; it deletes for half of it, the next gc goes on"
          + " (default: ${DEFAULT-VALUE}).")
  Duration sweepLimit;

  @Option(names = "--tombstone-expiry", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30d",
      description = "Prune earlier gcs' records of what they deleted and dropped once this old; a store that last pushed"
          + " before that rereads the remote's runs and listings on its next push (default: ${DEFAULT-VALUE}).")
  Duration tombstoneExpiry;

  @Option(names = "--dry-run", description = "List what would be dropped, deleted and marked; change nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    if (sweepLimit.toSeconds() < 2) {
      throw new ParameterException(spec.commandLine(), "--sweep-limit must be at least 2s: " + sweepLimit.toSeconds() + "s");
    }
    RetentionPolicy policy = retention.policy();
    Remote.GcReport report;
    String remoteName;
    try (Store store = GlobalOptions.of(spec).openStore()) {
      var remote = Remotes.of(store.location()).choose(Optional.ofNullable(name));
      remoteName = remote.name();
      try (Remote r = Remote.open(remote, io.btsnap.remote.Credentials.DEFAULT, passphrase.passphrase(spec))) {
        report = r.gc(policy, margin, sweepLimit, tombstoneExpiry, dryRun);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      out.println(Json.write(toJson(remoteName, report)));
      return 0;
    }
    String would = report.dryRun() ? "would " : "";
    out.printf("%s: %sdrop %s, %sdelete %s (%s), %smark %s (%s) for a later gc%n", remoteName, would,
        Plural.of(report.droppedRuns().size(), "run"), would, Plural.of(report.deleted().size(), "object"),
        ByteSizes.human(report.bytesDeleted()), would, Plural.of(report.marked().size(), "object"),
        ByteSizes.human(report.bytesMarked()));
    RetentionText.print(out, report.decisions(), report.dryRun());
    report.deleted().forEach(k -> out.println("  delete " + k));
    report.waiting().forEach(w -> out.println("  waiting " + w));
    if (report.tombstonesPruned() > 0) {
      out.printf("  %sprune %s older than %s%n", would, Plural.of(report.tombstonesPruned(), "tombstone"),
          Durations.human(tombstoneExpiry));
    }
    return 0;
  }

  private static Map<String, Object> toJson(String remote, Remote.GcReport report) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("remote", remote);
    json.put("dryRun", report.dryRun());
    json.put("runsDropped", report.droppedRuns().stream().map(RunId::value).toList());
    json.put("deleted", report.deleted());
    json.put("bytesDeleted", report.bytesDeleted());
    json.put("marked", report.marked());
    json.put("bytesMarked", report.bytesMarked());
    json.put("waiting", report.waiting());
    json.put("tombstonesPruned", report.tombstonesPruned());
    json.put("decisions", RetentionText.json(report.decisions()));
    json.put("requests", report.requests());
    return json;
  }
}
