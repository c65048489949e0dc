package io.btsnap.capture;

import io.btsnap.capture.python.UnresolvedImport;
import io.btsnap.store.model.CaptureMode;
import io.btsnap.store.model.RelativePath;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The files one capture takes, why, and what the selection could not resolve.
 *
 * @param mode how they were selected
 * @param root the project root (a real path)
 * @param entry the main file, relative to the root; empty when there is none (files mode)
 * @param files every file to capture, in path order
 * @param warnings problems worth telling that do not stop the capture (a glob matching nothing)
 * @param unresolved local-looking imports that resolve to no file
 */
public record FileSelection(
    CaptureMode mode,
    Path root,
    Optional<RelativePath> entry,
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
