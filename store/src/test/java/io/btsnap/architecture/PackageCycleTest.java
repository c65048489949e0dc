package io.btsnap.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reads the main sources of every module and fails on a cycle between top-level packages
 * ({@code io.btsnap.X}): the layers of {@code docs/design.md}'s package map must only point down.
 */
class PackageCycleTest {
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+io\\.btsnap\\.(\\w+)", Pattern.MULTILINE);
  private static final Pattern REFERENCE = Pattern.compile("\\bio\\.btsnap\\.([a-z]\\w*)\\.");

  @Test
  void topLevelPackagesFormNoCycle() throws IOException {
    Map<String, Set<String>> graph = graph(Path.of("..").toAbsolutePath().normalize());
    assertThat(graph).as("sources were found").containsKeys("store", "capture", "cli");
    assertThat(cycles(graph)).isEmpty();
  }

  @Test
  void fileSelectionDependsOnNoStoreType() throws IOException {
    assertThat(graph(Path.of("..").toAbsolutePath().normalize()).get("capture")).doesNotContain("store", "cli");
  }

  @Test
  void aCycleIsFound() {
    // The check itself: a planted cycle must be reported.
    assertThat(cycles(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a")))).containsExactly("a -> b -> c -> a");
  }

  static Map<String, Set<String>> graph(Path repository) throws IOException {
    Map<String, Set<String>> graph = new TreeMap<>();
    try (Stream<Path> files = Files.walk(repository)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/")).toList()) {
        String text = Files.readString(file);
        Matcher pkg = PACKAGE.matcher(text);
        if (!pkg.find()) {
          continue;
        }
        String from = pkg.group(1);
        Set<String> targets = graph.computeIfAbsent(from, k -> new TreeSet<>());
        Matcher ref = REFERENCE.matcher(text.substring(pkg.end()));
        while (ref.find()) {
          if (!ref.group(1).equals(from)) {
            targets.add(ref.group(1));
          }
        }
      }
    }
    return graph;
  }

  /** Returns each cycle once, as {@code a -> b -> a}, starting at its smallest name. */
  static List<String> cycles(Map<String, Set<String>> graph) {
    List<String> found = new ArrayList<>();
    for (String start : new TreeSet<>(graph.keySet())) {
      Deque<List<String>> paths = new ArrayDeque<>();
      paths.push(List.of(start));
      while (!paths.isEmpty()) {
        List<String> path = paths.pop();
        for (String next : graph.getOrDefault(path.get(path.size() - 1), Set.of())) {
          if (next.equals(start)) {
            found.add(String.join(" -> ", path) + " -> " + start);
          } else if (next.compareTo(start) > 0 && !path.contains(next)) {
            List<String> longer = new ArrayList<>(path);
            longer.add(next);
            paths.push(longer);
          }
        }
      }
    }
    return found;
  }
}
