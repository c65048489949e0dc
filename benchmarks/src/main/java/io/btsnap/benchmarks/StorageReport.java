package io.btsnap.benchmarks;

import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.store.Store;
import io.btsnap.store.model.CaptureMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures what a grid search of {@code examples/rsi_bb} takes on disk: per-run copies of all
 * files, per-run copies of the main file, and btsnap stores in entry and imports mode, each
 * measured with {@code du -sk}. Usage: {@code java -cp benchmarks/target/btsnap-benchmarks.jar
 * io.btsnap.benchmarks.StorageReport [RUNS...]}.
 */
public final class StorageReport {
  private StorageReport() {}

  /** Prints a Markdown table row per run count. */
  public static void main(String[] args) throws Exception {
    List<Integer> counts = new ArrayList<>();
    for (String a : args) {
      counts.add(Integer.parseInt(a));
    }
    if (counts.isEmpty()) {
      counts = List.of(10, 50, 100, 500, 1000, 5000);
    }
    Path tmp = Files.createTempDirectory("btsnap-storage");
    try {
      Path project = ExampleProject.copyTo(Files.createDirectories(tmp.resolve("project")));
      List<Path> files = pythonFiles(project);
      System.out.println("| runs | copy all files | copy main file | btsnap entry | btsnap imports | imports per run |");
      System.out.println("|---:|---:|---:|---:|---:|---:|");
      for (int runs : counts) {
        Map<String, Long> kb = new LinkedHashMap<>();
        kb.put("all", copies(tmp.resolve("all-" + runs), project, files, runs));
        kb.put("main", copies(tmp.resolve("main-" + runs), project, List.of(project.resolve("rsi_bb_strategy.py")), runs));
        kb.put("entry", btsnap(tmp.resolve("entry-" + runs), project, CaptureMode.ENTRY, runs));
        kb.put("imports", btsnap(tmp.resolve("imports-" + runs), project, CaptureMode.IMPORTS, runs));
        System.out.printf(Locale.ROOT, "| %d | %s | %s | %s | %s | %.2f KB |%n", runs, size(kb.get("all")), size(kb.get("main")),
            size(kb.get("entry")), size(kb.get("imports")), (double) kb.get("imports") / runs);
        for (String name : List.of("all-", "main-", "entry-", "imports-")) {
          ExampleProject.delete(tmp.resolve(name + runs));
        }
      }
    } finally {
      ExampleProject.delete(tmp);
    }
  }

  private static String size(long kb) {
    return kb >= 10_240 ? String.format(Locale.ROOT, "%.1f MB", kb / 1024.0) : kb + " KB";
  }

  private static List<Path> pythonFiles(Path project) throws IOException {
    try (var walk = Files.walk(project)) {
      return walk.filter(p -> p.toString().endsWith(".py") && !p.getFileName().toString().equals("grid_search.py")).sorted().toList();
    }
  }

  /** What the usual tool does: a folder per run with copies of the files. */
  private static long copies(Path dir, Path project, List<Path> files, int runs) throws IOException, InterruptedException {
    for (int i = 0; i < runs; i++) {
      Path run = dir.resolve("run_" + i);
      for (Path f : files) {
        Path target = run.resolve(project.relativize(f).toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.writeString(run.resolve("params.json"), "{\"rsi_period\": " + (10 + i % 21) + ", \"bb_std\": " + (1.5 + (i % 7) * 0.25) + "}\n");
    }
    return duKb(dir);
  }

  private static long btsnap(Path storeDir, Path project, CaptureMode mode, int runs) throws IOException, InterruptedException {
    CaptureRequest base = CaptureRequest.of(project.resolve("rsi_bb_strategy.py")).withMode(mode);
    try (Store store = Store.open(storeDir)) {
      for (int i = 0; i < runs; i++) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("rsi_period", Integer.toString(10 + i % 21));
        params.put("bb_std", Double.toString(1.5 + (i % 7) * 0.25));
        CapturePipeline.standard(store).capture(base.withParams(params));
      }
    }
    return duKb(storeDir);
  }

  private static long duKb(Path dir) throws IOException, InterruptedException {
    Process du = new ProcessBuilder("du", "-sk", dir.toString()).start();
    String out = new String(du.getInputStream().readAllBytes()).strip();
    if (du.waitFor() != 0) {
      throw new IOException("du failed on " + dir);
    }
    return Long.parseLong(out.split("\\s+")[0]);
  }
}
