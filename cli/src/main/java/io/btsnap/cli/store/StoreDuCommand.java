package io.btsnap.cli.store;

import io.btsnap.bytes.ByteSizes;
import io.btsnap.cli.options.GlobalOptions;
import io.btsnap.cli.options.JsonOption;
import io.btsnap.json.Json;
import io.btsnap.store.Store;
import io.btsnap.store.model.RunUsage;
import io.btsnap.store.model.UsageReport;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Reports how much the store holds and what it saves over per-run copies. */
@Command(
    name = "du",
    description = "Show runs, unique blobs, logical and stored bytes, and the dedup ratio.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  btsnap store du",
      "  btsnap store du --runs --json",
      "  btsnap store du --alert 80 > /dev/null || mail -s 'btsnap disk' me   # a cron check"
    })
final class StoreDuCommand implements Callable<Integer> {
  /** Above this share of the file system in use, du warns: captures will soon fail. */
  static final double FULL_WARNING = 0.80;

  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Option(names = "--runs", description = "Also list each run: files, logical bytes, bytes only it holds, params.")
  boolean runs;

  @Option(names = "--alert", paramLabel = "PERCENT",
      description = "Exit 1 with one line on stderr when the store's file system is fuller than PERCENT.")
  Integer alert;

  @Override
  public Integer call() throws Exception {
    if (alert != null && (alert < 0 || alert > 100)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--alert takes a percentage from 0 to 100: " + alert);
    }
    int code = report();
    return code;
  }

  private int report() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    UsageReport usage;
    List<RunUsage> perRun;
    try (Store store = GlobalOptions.of(spec).openStore()) {
      usage = store.usage();
      perRun = runs ? store.runUsage() : List.of();
      if (json.enabled()) {
        Map<String, Object> object = toJson(usage);
        if (runs) {
          object.put("perRun", perRun.stream().map(StoreDuCommand::toJson).toList());
        }
        out.println(Json.write(object));
        return alerted(usage);
      }
      out.println("store           " + store.location());
    }
    out.println("runs            " + usage.runs());
    out.println("files           " + usage.files() + " captured, " + usage.blobs() + " unique");
    out.println("logical         " + ByteSizes.human(usage.logicalBytes()) + "  (what per-run copies would take)");
    out.println("unique content  " + ByteSizes.human(usage.blobBytes()));
    out.println("on disk         " + ByteSizes.human(usage.storedBytes()) + "  (blobs, index and folders)");
    out.println("dedup ratio     " + String.format(Locale.ROOT, "%.1fx", usage.dedupRatio()));
    out.printf(
        Locale.ROOT,
        "free space      %s of %s (%.0f%% used)%n",
        ByteSizes.human(usage.freeBytes()),
        ByteSizes.human(usage.fileSystemBytes()),
        usage.fileSystemUsedFraction() * 100);
    if (runs) {
      out.println();
      out.printf("%-22s  %5s  %8s  %8s  %s%n", "RUN", "FILES", "LOGICAL", "OWN", "PARAMS");
      for (RunUsage r : perRun) {
        out.printf("%-22s  %5d  %8s  %8s  %s%n", r.run().id(), r.files(), ByteSizes.human(r.logicalBytes()),
            ByteSizes.human(r.exclusiveBytes()), r.run().params().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(" ")));
      }
    }
    if (alert != null) {
      return alerted(usage);
    }
    if (usage.fileSystemUsedFraction() > FULL_WARNING) {
      spec.commandLine()
          .getErr()
          .printf(
              Locale.ROOT,
              "btsnap: warning: the store's file system is %.0f%% full%n",
              usage.fileSystemUsedFraction() * 100);
    }
    return 0;
  }

  /** With --alert: 1 and one line when the file system is fuller than asked, else 0. */
  private int alerted(UsageReport usage) {
    if (alert == null || usage.fileSystemUsedFraction() * 100 <= alert) {
      return 0;
    }
    spec.commandLine().getErr().printf(Locale.ROOT, "btsnap: the store's file system is %.0f%% full, over the alert at %d%%;"
        + " %s free: run 'btsnap store gc' or free space%n", usage.fileSystemUsedFraction() * 100, alert,
        ByteSizes.human(usage.freeBytes()));
    return 1;
  }

  private static Map<String, Object> toJson(RunUsage r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", r.run().id().value());
    json.put("files", r.files());
    json.put("logicalBytes", r.logicalBytes());
    json.put("exclusiveBytes", r.exclusiveBytes());
    json.put("params", new LinkedHashMap<>(r.run().params()));
    return json;
  }

  private static Map<String, Object> toJson(UsageReport usage) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("runs", usage.runs());
    json.put("blobs", usage.blobs());
    json.put("files", usage.files());
    json.put("logicalBytes", usage.logicalBytes());
    json.put("blobBytes", usage.blobBytes());
    json.put("storedBytes", usage.storedBytes());
    json.put("dedupRatio", usage.dedupRatio());
    json.put("freeBytes", usage.freeBytes());
    json.put("fileSystemBytes", usage.fileSystemBytes());
    return json;
  }
}
