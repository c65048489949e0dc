package io.btsnap.capture.pipeline;

import io.btsnap.store.Store;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Something a caller adds to a capture between reading its files and committing them: facts for
 * the run's environment, warnings for the user. The pipeline's own work (select, read, commit)
 * never depends on a step, so a caller that wants a bare capture leaves them out.
 */
public interface CaptureStep {
  /** What a step adds to a run about to be committed. */
  record Addition(Map<String, String> environment, List<String> warnings) {
    public static final Addition NONE = new Addition(Map.of(), List.of());

    public Addition {
      environment = Map.copyOf(environment);
      warnings = List.copyOf(warnings);
    }
  }

  /** Returns what this step adds; {@code store} is read, never written. */
  Addition before(Store store, CaptureRequest request, CaptureContent content) throws IOException;
}
