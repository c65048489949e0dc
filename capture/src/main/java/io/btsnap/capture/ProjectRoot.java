package io.btsnap.capture;

import io.btsnap.capture.SelectionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the folder that manifest paths are relative to: the one given, else the folder of the
 * strategy.yaml, else the nearest ancestor of the entry that holds a project marker, else the
 * entry's folder.
 */
public final class ProjectRoot {
  /** Files or folders that mark the top of a project. */
  public static final List<String> MARKERS =
      List.of(".git", "pyproject.toml", "setup.py", "strategy.yaml");

  private ProjectRoot() {}

  /** Returns the real path of a root the user named, refusing what is not a folder. */
  public static Path explicit(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new SelectionException("project root is not a folder: " + root);
    }
    return root.toRealPath();
  }

  /** Returns the nearest ancestor folder of {@code file} holding a marker, else its folder. */
  public static Path around(Path file) {
    Path start = file.toAbsolutePath().getParent();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      for (String marker : MARKERS) {
        if (Files.exists(dir.resolve(marker))) {
          return dir;
        }
      }
    }
    return start;
  }
}
