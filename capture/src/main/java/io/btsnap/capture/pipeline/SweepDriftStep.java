package io.btsnap.capture.pipeline;

import io.btsnap.store.Store;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunDiff;
import io.btsnap.store.model.StoreCorruptException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Warns when a capture's code differs from the previous run of its sweep (the label {@link
 * Run#SWEEP_LABEL}): a grid whose code moved under it is the commonest silent error of a
 * parameter search. Said once per change: the runs after it compare with a run of the new code.
 */
public final class SweepDriftStep implements CaptureStep {
  private static final int SHOWN = 5;

  @Override
  public Addition before(Store store, CaptureRequest request, CaptureContent content) throws IOException {
    String sweep = request.labels().get(Run.SWEEP_LABEL);
    if (sweep == null) {
      return Addition.NONE;
    }
    Manifest manifest = content.manifest();
    Optional<Run> previous = store.newestRun(run -> sweep.equals(run.labels().get(Run.SWEEP_LABEL)));
    if (previous.isEmpty() || previous.get().manifest().equals(manifest.id())) {
      return Addition.NONE;
    }
    List<String> changed;
    try {
      Manifest before = store.manifest(previous.get());
      changed = RunDiff.between(previous.get(), before, previous.get(), manifest).changes().stream().map(c -> c.path()).toList();
    } catch (StoreCorruptException e) {
      // The warning must not cost the capture: verify reports the missing manifest.
      changed = List.of("?");
    }
    String shown = String.join(", ", changed.subList(0, Math.min(SHOWN, changed.size())))
        + (changed.size() > SHOWN ? " and " + (changed.size() - SHOWN) + " more" : "");
    return new Addition(java.util.Map.of(),
        List.of("code changed mid-sweep " + sweep + " (since run " + previous.get().id() + "): " + shown));
  }
}
