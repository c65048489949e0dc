package io.btsnap.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The packages of the ui module point one way: {@code ui} over {@code ui.internal.page} over
 * {@code ui.internal.http}, no cycle between any two; nothing outside {@code io.btsnap.ui}
 * uses its internals; the module uses the store's API and nothing of the CLI or the store's
 * internals.
 */
class UiPackagesTest {
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+(io\\.btsnap[\\w.]*);", Pattern.MULTILINE);
  private static final Pattern REFERENCE = Pattern.compile("\\b(io\\.btsnap(?:\\.[a-z]\\w*)+)\\.[A-Z]");

  @Test
  void uiPackagesFormNoCycleAndUseOnlyTheStoreApi() throws IOException {
    Map<String, Set<String>> graph = graph(Path.of("src/main/java"));
    assertThat(graph).containsKeys("io.btsnap.ui", "io.btsnap.ui.internal.http", "io.btsnap.ui.internal.page");
    assertThat(graph.get("io.btsnap.ui.internal.http")).noneMatch(p -> p.startsWith("io.btsnap.ui"));
    assertThat(graph.get("io.btsnap.ui.internal.page")).doesNotContain("io.btsnap.ui");
    for (Map.Entry<String, Set<String>> e : graph.entrySet()) {
      assertThat(e.getValue()).as(e.getKey())
          .noneMatch(p -> p.startsWith("io.btsnap.cli") || p.startsWith("io.btsnap.store.internal"));
    }
  }

  @Test
  void nothingOutsideTheUiUsesItsInternals() throws IOException {
    Map<String, Set<String>> graph = graph(Path.of("..").toAbsolutePath().normalize());
    List<String> offenders = new ArrayList<>();
    graph.forEach((from, targets) -> {
      if (!from.startsWith("io.btsnap.ui")) {
        targets.stream().filter(t -> t.startsWith("io.btsnap.ui.internal")).forEach(t -> offenders.add(from + " -> " + t));
      }
    });
    assertThat(graph).containsKey("io.btsnap.cli");
    assertThat(offenders).isEmpty();
  }

  private static Map<String, Set<String>> graph(Path root) throws IOException {
    Map<String, Set<String>> graph = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java") && (f.toString().contains("/src/main/java/")
          || f.startsWith(Path.of("src/main/java")))).toList()) {
        String text = Files.readString(file);
        Matcher pkg = PACKAGE.matcher(text);
        if (!pkg.find()) {
          continue;
        }
        Set<String> targets = graph.computeIfAbsent(pkg.group(1), k -> new TreeSet<>());
        Matcher ref = REFERENCE.matcher(text.substring(pkg.end()));
        while (ref.find()) {
          if (!ref.group(1).equals(pkg.group(1))) {
            targets.add(ref.group(1));
          }
        }
      }
    }
    return graph;
  }
}
