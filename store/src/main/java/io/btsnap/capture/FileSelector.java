package io.btsnap.capture;

import io.btsnap.store.CaptureMode;
import io.btsnap.store.SelectionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Turns what the user asked to capture into the list of files to take. Each mode is one method,
 * so detection, {@code strategy.yaml} and import analysis add cases without touching the store.
 */
public final class FileSelector {

  /** Selects the files for {@code mode}, starting at {@code entry}. */
  public FileSelection select(CaptureMode mode, Path entry, Optional<Path> root) throws IOException {
    Path entryFile = existingFile(entry, "entry");
    Path rootDir = ProjectRoot.find(entryFile, root);
    RelativePath entryPath = inside(rootDir, entry, entryFile);
    if (mode != CaptureMode.ENTRY) {
      throw new SelectionException("capture mode '" + mode.spelling() + "' is not supported yet");
    }
    return new FileSelection(
        mode, rootDir, entryPath, List.of(new SelectedFile(entryPath, entryFile, "entry point")));
  }

  /** Returns the real path of {@code file}, refusing what is missing or not a regular file. */
  static Path existingFile(Path file, String role) throws IOException {
    Path real;
    try {
      real = file.toRealPath();
    } catch (NoSuchFileException e) {
      throw new SelectionException(role + " not found: " + file);
    }
    if (Files.isDirectory(real)) {
      throw new SelectionException(role + " is a directory, not a file: " + file);
    }
    if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
      throw new SelectionException(role + " is not a regular file: " + file);
    }
    if (!Files.isReadable(real)) {
      throw new SelectionException(role + " is not readable: " + file);
    }
    return real;
  }

  /**
   * Returns the manifest path of {@code given} (real path {@code real}) under {@code root},
   * refusing a file that is outside the root by its path or through a symlink.
   */
  static RelativePath inside(Path root, Path given, Path real) throws SelectionException {
    if (!real.startsWith(root) || real.equals(root)) {
      throw new SelectionException(given + " is outside the project root " + root);
    }
    // Keep the name the user sees (a link inside the root stays a link's name); fall back to
    // the resolved path when the given path does not lexically sit under the root.
    Path lexical = given.toAbsolutePath().normalize();
    Path base = lexical.startsWith(root) ? lexical : real;
    return RelativePath.between(root, base);
  }
}
