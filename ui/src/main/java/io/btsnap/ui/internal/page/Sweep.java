package io.btsnap.ui.internal.page;

import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Run;
import io.btsnap.store.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runs of one sweep (labelled {@code sweep=NAME}), oldest first, with the code versions they
 * used: each manifest with its run count, the most frequent first (ties: the first used).
 */
record Sweep(String name, List<Run> runs, Map<BlobId, Integer> versions, Set<String> params, Set<String> metrics) {
  /** Reads the sweep {@code name}; empty runs when there is none. */
  static Sweep read(Store store, String name) throws IOException {
    List<Run> runs = new ArrayList<>();
    store.forEachRun(run -> {
      if (name.equals(run.labels().get(Run.SWEEP_LABEL))) {
        runs.add(run);
      }
    });
    Collections.reverse(runs);
    Map<BlobId, Integer> counts = new LinkedHashMap<>();
    Set<String> params = new LinkedHashSet<>();
    Set<String> metrics = new LinkedHashSet<>();
    for (Run run : runs) {
      counts.merge(run.manifest(), 1, Integer::sum);
      params.addAll(run.params().keySet());
      metrics.addAll(run.metrics().keySet());
    }
    Map<BlobId, Integer> versions = new LinkedHashMap<>();
    // A stable sort: among equal counts the version used first stays first.
    counts.entrySet().stream().sorted(Map.Entry.<BlobId, Integer>comparingByValue().reversed())
        .forEach(e -> versions.put(e.getKey(), e.getValue()));
    return new Sweep(name, runs, versions, params, metrics);
  }

  /** Returns the code version most of the sweep's runs used. */
  BlobId mainVersion() {
    return versions.keySet().iterator().next();
  }
}
