package io.btsnap.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * An {@code .internal.} package carries no API promise, so only the package it belongs under
 * (and that package's own sub-packages) may use it. Tests are not read: they reach inside to
 * plant damage.
 */
class InternalPackageTest {
  @Test
  void noInternalPackageIsUsedOutsideItsOwner() throws IOException {
    PackageGraph graph = PackageGraph.read(Path.of("..").toAbsolutePath().normalize());
    assertThat(graph.packages()).as("internal packages were found").anyMatch(p -> PackageGraph.owner(p) != null);
    assertThat(graph.internalUsesOutsideOwner()).as("uses of internal packages from outside their owner").isEmpty();
  }
}
