package io.btsnap.benchmarks;

import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.store.Store;
import io.btsnap.store.model.CaptureMode;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import io.btsnap.ui.UiServer;
import io.btsnap.ui.UiSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long {@code btsnap ui} takes to answer the runs page of a large store, request to last
 * byte, as a browser asks for it: the first request after the server starts (nothing warm),
 * then the median of further ones; newest first, sorted by a metric, filtered. The store of
 * {@code N} runs (default 100,000) is filled once in the temp folder ({@code btsnap-ui-N}) and
 * kept: one capture, then runs of the same code added 2,000 per transaction.
 *
 * <p>Usage: {@code java -cp btsnap-benchmarks.jar io.btsnap.benchmarks.UiFirstPage [N]}
 */
public final class UiFirstPage {
  private static final int REPEAT = 10;

  private UiFirstPage() {}

  /** Fills the store if needed, serves it and prints the timings. */
  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Path dir = filled(runs);
    try (Store store = Store.openExisting(dir)) {
      UiServer server = UiServer.start(store, UiSettings.local());
      try {
        String cookie = "btsnap-ui-" + server.port() + "=" + server.address().getQuery().substring("token=".length());
        String base = "http://127.0.0.1:" + server.port();
        long first = get(base + "/", cookie);
        System.out.printf("store of %,d runs; first page, first request after start: %d ms%n", runs, first);
        for (String page : List.of("/", "/?sort=metric.sharpe&dir=desc", "/?where=sharpe%3E1.5", "/?page=1000")) {
          long[] times = new long[REPEAT];
          for (int i = 0; i < REPEAT; i++) {
            times[i] = get(base + page, cookie);
          }
          Arrays.sort(times);
          System.out.printf("  %-34s median %4d ms, max %4d ms (%d requests)%n", page, times[REPEAT / 2], times[REPEAT - 1], REPEAT);
        }
      } finally {
        server.close();
      }
    }
  }

  /** Returns the milliseconds from sending the request to reading the last byte of a 200 reply. */
  private static long get(String url, String cookie) throws IOException {
    long start = System.nanoTime();
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setRequestProperty("Cookie", cookie);
    if (c.getResponseCode() != 200) {
      throw new IOException(url + ": HTTP " + c.getResponseCode());
    }
    try (InputStream in = c.getInputStream()) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static Path filled(int runs) throws IOException {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "btsnap-ui-" + runs);
    Path done = dir.resolve("filled");
    if (Files.exists(done)) {
      return dir;
    }
    ExampleProject.deleteIfExists(dir);
    Path copy = Files.createTempDirectory("btsnap-ui-project");
    Path project = ExampleProject.copyTo(copy);
    try (Store store = Store.open(dir)) {
      Run base = CapturePipeline.standard(store).capture(CaptureRequest.of(project.resolve("rsi_bb_strategy.py")).withMode(CaptureMode.IMPORTS)).run();
      Manifest manifest = store.manifest(base);
      long start = base.created().toEpochMilli() + 1;
      for (int from = 0; from < runs - 1; from += 2000) {
        Map<Run, Manifest> batch = new LinkedHashMap<>();
        for (int i = from; i < Math.min(runs - 1, from + 2000); i++) {
          RunId id = RunId.forInstant(java.time.Instant.ofEpochMilli(start + i), i);
          Map<String, String> params = new LinkedHashMap<>();
          params.put("rsi_period", Integer.toString(10 + i % 21));
          params.put("bb_std", Double.toString(1.5 + (i / 21 % 7) * 0.25));
          Map<String, Double> metrics = new LinkedHashMap<>();
          metrics.put("sharpe", Math.round(Math.sin(i * 0.37) * 2000) / 1000.0);
          metrics.put("max_dd", -Math.round(Math.abs(Math.cos(i * 0.11)) * 300) / 1000.0);
          batch.put(new Run(id, id.created(), base.mode(), base.entry(), base.root(), params,
              Map.of("sweep", "scale" + i / 10_000), false, base.manifest(), base.provenance(), base.environment(), metrics),
              manifest);
        }
        store.addRuns(batch, Map.of());
      }
    } finally {
      ExampleProject.delete(copy);
    }
    Files.writeString(done, Integer.toString(runs));
    return dir;
  }

}
