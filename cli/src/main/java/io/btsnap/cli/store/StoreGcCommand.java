package io.btsnap.cli.store;

import io.btsnap.bytes.ByteSizes;
import io.btsnap.cli.convert.DurationConverter;
import io.btsnap.cli.options.GlobalOptions;
import io.btsnap.cli.options.JsonOption;
import io.btsnap.cli.options.RetentionOptions;
import io.btsnap.cli.output.Plural;
import io.btsnap.cli.output.ProgressLine;
import io.btsnap.cli.output.RetentionText;
import io.btsnap.json.Json;
import io.btsnap.store.Store;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.GcProgress;
import io.btsnap.store.model.GcResult;
import io.btsnap.store.model.OrphanFile;
import io.btsnap.store.model.RetentionPolicy;
import io.btsnap.store.model.RunId;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Applies retention, then deletes what no run references. */
@Command(
    name = "gc",
    description = {
      "Delete the runs retention selects, then every blob, manifest and orphan file no run references.",
      "Keep rules are ORed; pinned runs are never deleted; with no retention option no run is deleted."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  btsnap store gc --older-than 30d --keep-label best=yes --dry-run",
      "  btsnap store gc --keep-last 100",
      "  btsnap store gc --keep-top 10 --by sharpe --per sweep --keep-label keep=yes --dry-run",
      "  btsnap store gc                       # only sweep unreferenced files"
    })
final class StoreGcCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Mixin RetentionOptions retention;

  @Option(names = "--grace", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = Store.DEFAULT_ORPHAN_GRACE,
      description = "Delete unreferenced blob and temp files only once older than this (default: ${DEFAULT-VALUE});"
          + " a capture writes its files before it commits.")
  Duration grace;

  @Option(names = "--dry-run", description = "List exactly what would be deleted; change nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    RetentionPolicy policy = retention.policy();
    GcResult result;
    try (Store store = GlobalOptions.of(spec).openStore()) {
      result = store.gc(policy, dryRun, grace, progress());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      out.println(Json.write(toJson(result)));
      return 0;
    }
    String verb = result.dryRun() ? "would delete" : "deleted";
    out.printf("%s %s, %s, %s, %s; %s %s%n", verb, Plural.of(result.runs().size(), "run"),
        Plural.of(result.manifests().size(), "manifest"), Plural.of(result.blobs().size(), "blob"),
        Plural.of(result.orphans().size(), "orphan file"),
        result.dryRun() ? "would free" : "freed", ByteSizes.human(result.bytesFreed()));
    if (result.dryRun()) {
      RetentionText.print(out, result.decisions(), true);
    } else {
      result.runs().forEach(r -> out.println("  run " + r));
    }
    result.blobs().forEach(b -> out.println("  blob " + b.hex()));
    result.orphans().forEach(o -> out.println("  " + o.kind() + " file " + o.file()));
    return 0;
  }

  private GcProgress progress() {
    if (!ProgressLine.wanted()) {
      return GcProgress.NONE;
    }
    return ProgressLine.on(spec.commandLine().getErr())::update;
  }

  private static Map<String, Object> toJson(GcResult result) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("dryRun", result.dryRun());
    json.put("runsDeleted", result.runs().size());
    json.put("manifestsDeleted", result.manifests().size());
    json.put("blobsDeleted", result.blobs().size());
    json.put("orphansDeleted", result.orphans().size());
    json.put("bytesFreed", result.bytesFreed());
    json.put("runs", result.runs().stream().map(RunId::value).toList());
    json.put("decisions", RetentionText.json(result.decisions()));
    json.put("blobs", result.blobs().stream().map(BlobId::hex).toList());
    json.put("orphans", result.orphans().stream().map(OrphanFile::file).map(Object::toString).toList());
    return json;
  }

}
