package io.btsnap.capture;

import io.btsnap.capture.python.UnresolvedImport;
import io.btsnap.store.CaptureMode;
import java.nio.file.Path;
import java.util.List;

/**
 * The files one capture takes, why, and what the selection could not resolve.
 *
 * @param mode how they were selected
 * @param root the project root (a real path)
 * @param entry the main file, relative to the root (the first listed file when none is known)
 * @param files every file to capture, in path order
 * @param warnings problems worth telling that do not stop the capture (a glob matching nothing)
 * @param unresolved local-looking imports that resolve to no file
 */
public record FileSelection(
    CaptureMode mode,
    Path root,
    RelativePath entry,
    List<SelectedFile> files,
    List<String> warnings,
    List<UnresolvedImport> unresolved) {
  /** Makes the lists immutable. */
  public FileSelection {
    files = List.copyOf(files);
    warnings = List.copyOf(warnings);
    unresolved = List.copyOf(unresolved);
  }
}
