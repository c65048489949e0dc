package io.btsnap.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The package map in {@code docs/design.md} ("## Packages") names every main package, and only
 * packages that exist, so that it cannot drift from the code as packages come and go.
 */
class PackageMapTest {
  // In a row's first cell: `io.btsnap.a.b`, or a family `io.btsnap.a.{b,c}`.
  private static final Pattern NAME = Pattern.compile("`(io\\.btsnap(?:\\.\\w+)*)(?:\\.\\{([\\w,\\s]+)\\})?`");

  @Test
  void mapNamesExactlyThePackagesThatExist() throws IOException {
    Path repository = Path.of("..").toAbsolutePath().normalize();
    SortedSet<String> mapped = mappedPackages(Files.readString(repository.resolve("docs/design.md")));
    SortedSet<String> existing = PackageGraph.read(repository).packages();

    assertThat(mapped).as("packages in docs/design.md's map").isNotEmpty();
    SortedSet<String> unmapped = new TreeSet<>(existing);
    unmapped.removeAll(mapped);
    SortedSet<String> gone = new TreeSet<>(mapped);
    gone.removeAll(existing);
    assertThat(unmapped).as("packages missing from docs/design.md's map").isEmpty();
    assertThat(gone).as("packages in docs/design.md's map that have no main sources").isEmpty();
  }

  @Test
  void familiesInTheMapAreExpanded() {
    String map = "## Packages\n\n| package | holds |\n|---|---|\n"
        + "| `io.btsnap.a` (module `a/`) | x |\n| `io.btsnap.a.{b, c}`, `io.btsnap.d` | y |\n\n## Next\n| `io.btsnap.z` | z |\n";
    assertThat(mappedPackages(map)).containsExactly("io.btsnap.a", "io.btsnap.a.b", "io.btsnap.a.c", "io.btsnap.d");
  }

  /** Returns the packages the first cells of the "## Packages" table name. */
  static SortedSet<String> mappedPackages(String document) {
    String design = "\n" + document;
    int start = design.indexOf("\n## Packages\n");
    assertThat(start).as("docs/design.md has a \"## Packages\" section").isNotNegative();
    int end = design.indexOf("\n## ", start + 1);
    SortedSet<String> names = new TreeSet<>();
    for (String line : design.substring(start, end < 0 ? design.length() : end).split("\n")) {
      if (!line.startsWith("| `")) {
        continue;
      }
      Matcher name = NAME.matcher(line.substring(1, line.indexOf('|', 1)));
      while (name.find()) {
        if (name.group(2) == null) {
          names.add(name.group(1));
        } else {
          for (String child : name.group(2).split(",")) {
            names.add(name.group(1) + "." + child.strip());
          }
        }
      }
    }
    return names;
  }
}
