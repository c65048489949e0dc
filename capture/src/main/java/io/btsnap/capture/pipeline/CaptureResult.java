package io.btsnap.capture.pipeline;

import io.btsnap.capture.python.UnresolvedImport;
import io.btsnap.store.codec.RunJson;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.Run;
import java.util.List;
import java.util.Map;

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

  /**
   * The object {@code capture --json} prints and the service replies: the run as {@code show
   * --json} gives it, and what the capture added.
   */
  public Map<String, Object> toJson() {
    Map<String, Object> object = RunJson.show(run, manifest);
    object.put("newBlobs", newBlobs);
    object.put("newBytes", newBytes);
    object.put("unresolved", unresolved.stream().map(UnresolvedImport::describe).toList());
    object.put("warnings", warnings);
    return object;
  }
}
