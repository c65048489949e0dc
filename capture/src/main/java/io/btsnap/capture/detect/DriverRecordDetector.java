package io.btsnap.capture.detect;

import io.btsnap.capture.EntryPoint;
import io.btsnap.capture.EntryPointDetector;
import io.btsnap.capture.Launch;
import io.btsnap.json.JsonReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes the entry from {@code $BTSNAP_DRIVER}: the driver script that the Python client recorded
 * when the sweep's driver imported btsnap, inherited by every worker it started (joblib's loky,
 * Dask's process pools, a Ray cluster started from it). Asked after the process tree, whose
 * walk ends at a worker's engine bootstrap, so that {@code btsnap capture} run by a task names the
 * code the driver's own capture names.
 *
 * <pre>
 * {"entry": "/abs/sweep.py", "module": "pkg.sweep", "sysPath0": "/abs", "pythonPath": ["/abs"], "how": "..."}
 * </pre>
 */
public final class DriverRecordDetector implements EntryPointDetector {
  /** The variable's name, which the Python client sets. */
  public static final String VARIABLE = "BTSNAP_DRIVER";

  private final Map<String, String> environment;
  private final long workerPid;

  /** Creates a detector reading {@code environment}, for a capture run by process {@code workerPid}. */
  public DriverRecordDetector(Map<String, String> environment, long workerPid) {
    this.environment = environment;
    this.workerPid = workerPid;
  }

  @Override
  public Optional<EntryPoint> detect() {
    String text = environment.get(VARIABLE);
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      if (!(JsonReader.parse(text) instanceof Map<?, ?> record) || !(record.get("entry") instanceof String entry)) {
        return Optional.empty();
      }
      Path file = Path.of(entry);
      if (!file.isAbsolute() || !Files.isRegularFile(file)) {
        return Optional.empty(); // a record made on another machine, or of a file since removed
      }
      Optional<String> module = record.get("module") instanceof String m ? Optional.of(m) : Optional.empty();
      Optional<Path> first = record.get("sysPath0") instanceof String s ? Optional.of(Path.of(s)) : Optional.empty();
      List<Path> pythonPath = new ArrayList<>();
      if (record.get("pythonPath") instanceof List<?> paths) {
        for (Object p : paths) {
          if (p instanceof String s) {
            pythonPath.add(Path.of(s));
          }
        }
      }
      // A module run's top is the folder it ran from, which Python put first on its path.
      Path workingDir = first.orElse(file.getParent());
      Launch launch = new Launch(workerPid, Optional.empty(), module, workingDir, first, pythonPath);
      return Optional.of(new EntryPoint(file, "driver script ($" + VARIABLE + ")", Optional.of(launch)));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // not a record the client wrote (bad JSON, a path that is none)
    }
  }
}
