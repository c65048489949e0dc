package io.btsnap.capture;

import io.btsnap.store.CaptureMode;
import java.nio.file.Path;
import java.util.List;

/**
 * The files one capture takes, and where they came from.
 *
 * @param mode how they were selected
 * @param root the project root (a real path)
 * @param entry the main file, relative to the root
 * @param files every file to capture, the entry among them
 */
public record FileSelection(CaptureMode mode, Path root, RelativePath entry, List<SelectedFile> files) {
  /** Makes the file list immutable. */
  public FileSelection {
    files = List.copyOf(files);
  }
}
