package io.btsnap.capture;

import io.btsnap.store.SelectionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the folder that manifest paths are relative to: the one given, else the nearest
 * ancestor of the entry that holds a project marker, else the entry's folder.
 */
public final class ProjectRoot {
  /** Files or folders that mark the top of a project. */
  public static final List<String> MARKERS =
      List.of(".git", "pyproject.toml", "setup.py", "strategy.yaml");

  private ProjectRoot() {}

  /**
   * Returns the real path of the project root for {@code entry} (a real path to a file), using
   * {@code explicit} when present.
   */
  public static Path find(Path entry, Optional<Path> explicit) throws IOException {
    if (explicit.isPresent()) {
      Path root = explicit.get();
      if (!Files.isDirectory(root)) {
        throw new SelectionException("project root is not a folder: " + root);
      }
      return root.toRealPath();
    }
    for (Path dir = entry.getParent(); dir != null; dir = dir.getParent()) {
      for (String marker : MARKERS) {
        if (Files.exists(dir.resolve(marker))) {
          return dir;
        }
      }
    }
    return entry.getParent();
  }
}
