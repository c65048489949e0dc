package io.btsnap.store.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The paths that differ between two runs, in path order.
 *
 * @param from the first run
 * @param to the second run
 * @param changes the differing paths
 */
public record RunDiff(Run from, Run to, List<FileChange> changes) {

  /** Makes the list immutable. */
  public RunDiff {
    changes = List.copyOf(changes);
  }

  /** Compares the manifests of two runs. */
  public static RunDiff between(Run from, Manifest a, Run to, Manifest b) {
    TreeSet<String> paths = new TreeSet<>();
    a.entries().forEach(e -> paths.add(e.path().value()));
    b.entries().forEach(e -> paths.add(e.path().value()));
    List<FileChange> changes = new ArrayList<>();
    for (String path : paths) {
      Optional<ManifestEntry> before = a.entry(path);
      Optional<ManifestEntry> after = b.entry(path);
      if (before.isEmpty()) {
        changes.add(new FileChange(path, FileChange.Kind.ADDED, before, after));
      } else if (after.isEmpty()) {
        changes.add(new FileChange(path, FileChange.Kind.REMOVED, before, after));
      } else if (!before.get().blob().equals(after.get().blob())
          || before.get().executable() != after.get().executable()) {
        changes.add(new FileChange(path, FileChange.Kind.CHANGED, before, after));
      }
    }
    return new RunDiff(from, to, changes);
  }
}
