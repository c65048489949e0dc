package io.btsnap.store.model;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A run whose entry is an engine's or the interpreter's file, not project code: what earlier
 * versions recorded from joblib/loky and Ray workers ({@code popen_loky_posix.py},
 * {@code default_worker.py}) or a {@code dask} launcher. The store is intact, but such a run does
 * not name the code that produced its result.
 *
 * @param run the run
 * @param entry its entry's absolute path, as recorded
 */
public record EngineEntry(RunId run, String entry) {
  private static final Pattern PYTHON_LIB = Pattern.compile("python\\d+(\\.\\d+)?");

  /** Returns the run's engine entry, if its entry lies where no project code does. */
  public static Optional<EngineEntry> of(Run run) {
    if (run.entry().isEmpty()) {
      return Optional.empty();
    }
    String path = run.root().endsWith("/") ? run.root() + run.entry() : run.root() + "/" + run.entry();
    List<String> parts = List.of(path.split("/"));
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i);
      boolean libPython = part.equals("lib") && i + 1 < parts.size() - 1 && PYTHON_LIB.matcher(parts.get(i + 1)).matches();
      if (part.equals("site-packages") || part.equals("dist-packages") || libPython) {
        return Optional.of(new EngineEntry(run.id(), path));
      }
    }
    // An interpreter's launcher (bin/dask, bin/ray): a script without a suffix in a bin folder.
    boolean launcher = parts.size() >= 2 && parts.get(parts.size() - 2).equals("bin") && !parts.get(parts.size() - 1).contains(".");
    return launcher ? Optional.of(new EngineEntry(run.id(), path)) : Optional.empty();
  }

  /** Returns one line describing the run. */
  public String describe() {
    return "run " + run.value() + " records " + entry + " as its entry, an engine's or the interpreter's file:"
        + " it was captured in a worker by an earlier btsnap and does not name the backtest's code";
  }
}
