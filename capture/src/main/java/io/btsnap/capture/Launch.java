package io.btsnap.capture;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the Python process that ran the entry was started, when a detector saw it: what decides
 * which files Python loaded. Python puts the script's folder (or, for {@code -m}, the working
 * folder) first on {@code sys.path}, then {@code $PYTHONPATH}.
 *
 * @param pid the process id, to tell files changed after it started
 * @param started when the process started, if known
 * @param module the module named by {@code -m}, if the entry was run that way
 * @param workingDir the process's working folder
 * @param pathFirst the folder Python puts first on {@code sys.path}, none under {@code -P} or
 *     {@code -I}
 * @param pythonPath the folders of {@code $PYTHONPATH}, absolute, in order (none under {@code -E}
 *     or {@code -I})
 */
public record Launch(
    long pid, Optional<Instant> started, Optional<String> module, Path workingDir, Optional<Path> pathFirst,
    List<Path> pythonPath) {
  /** Checks and copies the fields. */
  public Launch {
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(pathFirst, "pathFirst");
    pythonPath = List.copyOf(pythonPath);
  }

  /** Returns {@code sys.path}'s folders that can hold local code, in Python's order. */
  public List<Path> searchPath() {
    List<Path> path = new java.util.ArrayList<>();
    pathFirst.ifPresent(path::add);
    for (Path p : pythonPath) {
      if (!path.contains(p)) {
        path.add(p);
      }
    }
    return path;
  }
}
