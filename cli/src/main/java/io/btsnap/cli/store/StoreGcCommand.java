package io.btsnap.cli.store;

import io.btsnap.cli.output.Plural;
import io.btsnap.cli.output.ProgressLine;
import io.btsnap.cli.BtsnapCommand;
import io.btsnap.cli.JsonOption;
import io.btsnap.cli.convert.DurationConverter;
import io.btsnap.bytes.ByteSizes;
import io.btsnap.json.Json;
import io.btsnap.store.BlobId;
import io.btsnap.store.GcProgress;
import io.btsnap.store.GcResult;
import io.btsnap.store.OrphanFile;
import io.btsnap.store.RetentionPolicy;
import io.btsnap.store.RunId;
import io.btsnap.store.Store;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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

  @Option(names = "--older-than", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Delete runs older than this (30d, 12h, 2w), unless a keep rule keeps them.")
  Duration olderThan;

  @Option(names = "--keep-last", paramLabel = "N", description = "Keep the newest N runs.")
  Integer keepLast;

  @Option(names = "--keep-within", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Keep runs younger than this.")
  Duration keepWithin;

  @Option(names = "--keep-label", paramLabel = "KEY=VALUE", description = "Keep runs with this label (repeatable).")
  Map<String, String> keepLabels = new LinkedHashMap<>();

  @Option(names = "--keep-top", paramLabel = "N",
      description = "Keep the best N runs by the metric of --by (of each value of --per's label); deletes the rest unless kept.")
  Integer keepTop;

  @Option(names = "--by", paramLabel = "METRIC", description = "The metric of --keep-top: highest is best; +METRIC lowest is best.")
  String by;

  @Option(names = "--per", paramLabel = "LABEL_KEY", description = "Apply --keep-top within each value of this label, e.g. sweep.")
  String per;

  @Option(names = "--grace", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1h",
      description = "Delete unreferenced blob and temp files only once older than this (default: ${DEFAULT-VALUE});"
          + " a capture writes its files before it commits.")
  Duration grace;

  @Option(names = "--dry-run", description = "List exactly what would be deleted; change nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    if (keepLast != null && keepLast < 0) {
      throw new ParameterException(spec.commandLine(), "--keep-last must not be negative: " + keepLast);
    }
    RetentionPolicy policy = new RetentionPolicy(
        Optional.ofNullable(olderThan),
        keepLast == null ? OptionalInt.empty() : OptionalInt.of(keepLast),
        Optional.ofNullable(keepWithin),
        keepLabels,
        keepTop());
    GcResult result;
    try (Store store = BtsnapCommand.of(spec).openStore()) {
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
      // Each run it would delete with the reason, and each run kept only by a pin or a label.
      for (RetentionPolicy.Decision d : result.decisions()) {
        if (!d.keep()) {
          out.println("  run " + d.run().id() + "  " + d.reason());
        }
      }
      for (RetentionPolicy.Decision d : result.decisions()) {
        if (d.keep() && (d.reason().equals("pinned") || d.reason().startsWith("keep-label"))) {
          out.println("  keep " + d.run().id() + "  " + d.reason());
        }
      }
    } else {
      result.runs().forEach(r -> out.println("  run " + r));
    }
    result.blobs().forEach(b -> out.println("  blob " + b.hex()));
    result.orphans().forEach(o -> out.println("  " + o.kind() + " file " + o.file()));
    return 0;
  }

  private Optional<RetentionPolicy.KeepTop> keepTop() {
    if (keepTop == null) {
      if (by != null || per != null) {
        throw new ParameterException(spec.commandLine(), "--by and --per go with --keep-top N");
      }
      return Optional.empty();
    }
    if (keepTop < 0) {
      throw new ParameterException(spec.commandLine(), "--keep-top must not be negative: " + keepTop);
    }
    if (by == null) {
      throw new ParameterException(spec.commandLine(), "--keep-top needs --by METRIC, the metric that ranks runs");
    }
    boolean lowest = by.startsWith("+");
    String metric = lowest || by.startsWith("-") ? by.substring(1) : by;
    if (metric.isBlank() || metric.contains("=") || (per != null && (per.isBlank() || per.contains("=")))) {
      throw new ParameterException(spec.commandLine(), "--by needs a metric name and --per a label key, e.g. --by sharpe --per sweep");
    }
    return Optional.of(new RetentionPolicy.KeepTop(keepTop, metric, lowest, Optional.ofNullable(per)));
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
    List<Object> decisions = new java.util.ArrayList<>();
    for (RetentionPolicy.Decision d : result.decisions()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("run", d.run().id().value());
      item.put("keep", d.keep());
      item.put("reason", d.reason());
      decisions.add(item);
    }
    json.put("decisions", decisions);
    json.put("blobs", result.blobs().stream().map(BlobId::hex).toList());
    json.put("orphans", result.orphans().stream().map(OrphanFile::file).map(Object::toString).toList());
    return json;
  }

}
