package io.btsnap.ui;

import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.store.Store;
import io.btsnap.store.model.CaptureMode;
import io.btsnap.store.model.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real store of a real sweep, made through the store's API: a strategy importing a signals
 * module, a grid of RSI period × Bollinger width, each run annotated with its sharpe and max
 * drawdown. Halfway the code changes (signals.py edited, risk.py added) and the environment
 * moves to another Python, and half the grid runs again.
 */
final class SweepStore {
  static final String SWEEP = "grid";
  static final List<String> RSI = List.of("10", "14", "20", "25");
  static final List<String> BB = List.of("1.5", "2.0", "2.5");
  /** The RSI periods the second code version runs again. */
  static final List<String> RERUN_RSI = List.of("20", "25");

  static final String STRATEGY_V1 = "from signals import rsi\nfrom lib.bands import width\n\n# <script>alert('not run')</script> & friends\n"
      + "def run(params):\n    return rsi(params)\n";
  static final String SIGNALS_V1 = "def rsi(params):\n    period = params['rsi_period']\n    return period * 0.01\n";
  static final String STRATEGY_V2 = "from signals import rsi\nfrom lib.bands import width\nimport risk\n\n# <script>alert('not run')</script> & friends\n"
      + "def run(params):\n    return risk.cap(rsi(params))\n";
  static final String SIGNALS_V2 = "def rsi(params):\n    period = params['rsi_period']\n    return period * 0.02 + 0.1\n";
  static final String BANDS = "def width(params):\n    return params['bb_std'] * 2\n";
  static final String RISK = "def cap(x):\n    return min(x, 3.0)\n";

  final Path root;
  final Path storeDir;
  final Path project;
  /** Runs in capture order. */
  final List<Run> runs = new ArrayList<>();
  final List<Run> first = new ArrayList<>();
  final List<Run> second = new ArrayList<>();

  private SweepStore(Path root) {
    this.root = root;
    this.storeDir = root.resolve("store");
    this.project = root.resolve("project");
  }

  /** Builds the store under {@code root}. */
  static SweepStore build(Path root) throws IOException {
    SweepStore s = new SweepStore(root);
    Files.createDirectories(s.project);
    Files.writeString(s.project.resolve("strategy.py"), STRATEGY_V1);
    Files.writeString(s.project.resolve("signals.py"), SIGNALS_V1);
    Files.createDirectories(s.project.resolve("lib"));
    Files.writeString(s.project.resolve("lib/__init__.py"), "");
    Files.writeString(s.project.resolve("lib/bands.py"), BANDS);
    try (Store store = Store.open(s.storeDir)) {
      for (String rsi : RSI) {
        for (String bb : BB) {
          s.first.add(s.capture(store, rsi, bb, 0, "3.11.7"));
        }
      }
      Files.writeString(s.project.resolve("strategy.py"), STRATEGY_V2);
      Files.writeString(s.project.resolve("signals.py"), SIGNALS_V2);
      Files.writeString(s.project.resolve("risk.py"), RISK);
      for (String rsi : RERUN_RSI) {
        for (String bb : BB) {
          s.second.add(s.capture(store, rsi, bb, 1, "3.12.1"));
        }
      }
    }
    return s;
  }

  /** Captures and annotates one more run of the current code, as a sweep in progress does. */
  Run capture(Store store, String rsi, String bb, int version, String python) throws IOException {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("rsi_period", rsi);
    params.put("bb_std", bb);
    Run run = CapturePipeline.standard(store).capture(CaptureRequest.of(project.resolve("strategy.py")).withMode(CaptureMode.IMPORTS)
        .withParams(params).withLabels(Map.of("sweep", SWEEP))
        .withEnvironment(Map.of("python", python, "implementation", "CPython", "pkg:numpy", "2.0.0"))).run();
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("sharpe", sharpe(rsi, bb, version));
    metrics.put("max_dd", -0.1 - Double.parseDouble(bb) / 20);
    run = store.annotate(run.id().value(), metrics);
    runs.add(run);
    return run;
  }

  /** The fixture's metric: the second version is better, so its runs win the cells it ran. */
  static double sharpe(String rsi, String bb, int version) {
    return Math.round((1 + Integer.parseInt(rsi) / 50.0 - Math.abs(Double.parseDouble(bb) - 2.0) + version * 0.5) * 1000) / 1000.0;
  }

  /** Returns the run of the grid point in {@code version} (0 or 1). */
  Run run(int version, String rsi, String bb) {
    return (version == 0 ? first : second).stream()
        .filter(r -> r.params().get("rsi_period").equals(rsi) && r.params().get("bb_std").equals(bb))
        .findFirst().orElseThrow();
  }
}
