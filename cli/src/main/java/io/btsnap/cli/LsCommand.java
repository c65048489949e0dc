package io.btsnap.cli;

import io.btsnap.json.Json;
import io.btsnap.cli.output.RunJson;
import io.btsnap.store.BlobId;
import io.btsnap.store.Run;
import io.btsnap.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Lists the runs, newest first. */
@Command(name = "ls", description = "List runs, newest first.")
final class LsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    BtsnapCommand app = BtsnapCommand.of(spec);
    try (Store store = app.openStore()) {
      Map<BlobId, Integer> fileCounts = new HashMap<>();
      if (json.enabled()) {
        // As UTF-8 bytes to the raw stream: the writer's encoder took a fifth of a 100k-run listing.
        Json.ArrayWriter array = new Json.ArrayWriter(app.rawOut());
        store.forEachRun(run -> {
          int files = fileCount(store, run, fileCounts);
          array.addObject(fields -> RunJson.summary(run, files, fields));
        });
        array.end();
        return 0;
      }
      StringBuilder line = new StringBuilder(160);
      boolean[] first = {true};
      store.forEachRun(run -> {
        if (first[0]) {
          out.printf("%-22s  %-20s  %-7s  %5s  %s%n", "ID", "CREATED (UTC)", "MODE", "FILES", "ENTRY  PARAMS");
          first[0] = false;
        }
        // One format per line is most of the time of listing 100k runs; columns are padded by hand.
        line.setLength(0);
        pad(line, run.id().value(), 22).append("  ");
        pad(line, run.created().toString().substring(0, 19).replace('T', ' '), 20).append("  ");
        pad(line, run.mode().spelling(), 7).append("  ");
        String files = String.valueOf(fileCount(store, run, fileCounts));
        line.append(" ".repeat(Math.max(0, 5 - files.length()))).append(files).append("  ").append(run.entry().isEmpty() ? "-" : run.entry());
        if (!run.params().isEmpty()) {
          line.append(' ');
          run.params().forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        }
        // append, not println: the writer flushes on every println, a write call per run.
        out.append(line).append(System.lineSeparator());
      });
    }
    return 0;
  }

  private static StringBuilder pad(StringBuilder line, String text, int width) {
    return line.append(text).append(" ".repeat(Math.max(0, width - text.length())));
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
