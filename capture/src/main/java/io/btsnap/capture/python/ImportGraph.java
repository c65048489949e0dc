package io.btsnap.capture.python;

import io.btsnap.bytes.HashedBytes;
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
 * @param read the bytes of each file read from disk for the analysis, hashed, by real path
 */
public record ImportGraph(Map<Path, String> files, List<UnresolvedImport> unresolved, Map<Path, HashedBytes> read) {
  /** Copies the collections, keeping their order. */
  public ImportGraph {
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    unresolved = List.copyOf(unresolved);
    read = Map.copyOf(read);
  }
}
