package io.btsnap.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the main sources of every module and fails on an import cycle between packages at any
 * level ({@code io.btsnap.cli} and {@code io.btsnap.cli.store} count as two): the layers of
 * {@code docs/design.md}'s package map must only point down.
 */
class PackageCycleTest {
  private static PackageGraph graph;

  @BeforeAll
  static void readSources() throws IOException {
    graph = PackageGraph.read(Path.of("..").toAbsolutePath().normalize());
  }

  @Test
  void noPackageUsesOneThatUsesItBack() {
    assertThat(graph.packages()).as("sources were found").contains("io.btsnap.store", "io.btsnap.capture", "io.btsnap.cli");
    assertThat(graph.cycles()).as("import cycles").isEmpty();
  }

  @Test
  void fileSelectionUsesTheStoresValuesOnly() {
    // Selection runs before any store is open (a dry run, a bad request): it may name a run's
    // values, never the store, its internals, the pipeline that commits, or a face over them.
    for (String pkg : graph.packages()) {
      if ((pkg.equals("io.btsnap.capture") || pkg.startsWith("io.btsnap.capture.")) && !pkg.equals("io.btsnap.capture.pipeline")) {
        assertThat(graph.usedBy(pkg)).as(pkg).noneMatch(used -> used.equals("io.btsnap.store") || used.startsWith("io.btsnap.store.internal")
            || used.equals("io.btsnap.capture.pipeline") || used.startsWith("io.btsnap.cli") || used.startsWith("io.btsnap.serve"));
      }
    }
  }
}
