package io.btsnap.capture.pipeline;

import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.Run;


import io.btsnap.capture.python.UnresolvedImport;
import java.util.List;

/**
 * What a capture stored.
 *
 * @param run the new run
 * @param manifest its manifest
 * @param newBlobs how many blobs the store did not hold before
 * @param newBytes the raw size of those blobs
 * @param warnings what the selection found worth telling (a glob matching nothing)
 * @param unresolved local-looking imports that resolved to no file
 */
public record CaptureResult(
    Run run, Manifest manifest, int newBlobs, long newBytes, List<String> warnings, List<UnresolvedImport> unresolved) {
  /** Makes the lists immutable. */
  public CaptureResult {
    warnings = List.copyOf(warnings);
    unresolved = List.copyOf(unresolved);
  }
}
