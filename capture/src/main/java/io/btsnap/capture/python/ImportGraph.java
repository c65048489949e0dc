package io.btsnap.capture.python;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What import analysis found: every local file Python would execute, each with the shortest
 * import chain that reaches it, and the local-looking imports that resolve to no file.
 *
 * @param files real paths of the files, in discovery order, to their import chains
 * @param unresolved imports that look local but resolve to nothing
 */
public record ImportGraph(Map<Path, String> files, List<UnresolvedImport> unresolved) {
  /** Copies the collections, keeping their order. */
  public ImportGraph {
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    unresolved = List.copyOf(unresolved);
  }
}
