package io.btsnap.architecture;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which btsnap package uses which, read from the sources of every module under a repository
 * ({@code <module>/src/main/java}, whatever modules there are). A use is any name of another
 * package's type in code: imports, static imports and fully qualified names alike; text in
 * comments and string literals is not code and does not count.
 */
final class PackageGraph {
  private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
  // Lower-case segments, then a type (or the * of an import): the package is everything before the type.
  private static final Pattern REFERENCE = Pattern.compile("\\bio\\.btsnap((?:\\.[a-z_][\\w]*)+)\\.(?:[A-Z]|\\*)");
  private static final Set<String> SKIPPED_FOLDERS = Set.of("target", "node_modules", "build");

  /** Package to used package to the files (relative to the repository) that use it. */
  private final SortedMap<String, SortedMap<String, SortedSet<String>>> uses;

  private PackageGraph(SortedMap<String, SortedMap<String, SortedSet<String>>> uses) {
    this.uses = uses;
  }

  /** Reads the main sources of every module of {@code repository}; tests are not read. */
  static PackageGraph read(Path repository) throws IOException {
    SortedMap<String, SortedMap<String, SortedSet<String>>> uses = new TreeMap<>();
    for (Path file : mainSources(repository)) {
      String code = code(Files.readString(file));
      Matcher pkg = PACKAGE.matcher(code);
      if (!pkg.find()) {
        continue;
      }
      String from = pkg.group(1);
      SortedMap<String, SortedSet<String>> targets = uses.computeIfAbsent(from, k -> new TreeMap<>());
      Matcher ref = REFERENCE.matcher(code.substring(pkg.end()));
      while (ref.find()) {
        String to = "io.btsnap" + ref.group(1);
        if (!to.equals(from)) {
          targets.computeIfAbsent(to, k -> new TreeSet<>()).add(repository.relativize(file).toString());
        }
      }
    }
    return new PackageGraph(uses);
  }

  private static List<Path> mainSources(Path repository) throws IOException {
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(repository, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        boolean skipped = !dir.equals(repository) && (name.startsWith(".") || SKIPPED_FOLDERS.contains(name));
        return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        String path = repository.relativize(file).toString().replace('\\', '/');
        if (path.endsWith(".java") && path.matches("([^/]+/)+src/main/java/.*")) {
          found.add(file);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    Collections.sort(found);
    return found;
  }

  /**
   * Returns {@code source} with comments, string and character literals blanked, so that a
   * package named in a Javadoc link or a message is not taken for a use.
   */
  static String code(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (source.startsWith("//", i)) {
        int end = source.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        out.append(' ');
      } else if (source.startsWith("\"\"\"", i)) {
        int end = source.indexOf("\"\"\"", i + 3);
        i = end < 0 ? n : end + 3;
        out.append("\"\"");
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
          j += source.charAt(j) == '\\' ? 2 : 1;
        }
        i = j + 1;
        out.append(c).append(c);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Returns every package that has main sources. */
  SortedSet<String> packages() {
    return new TreeSet<>(uses.keySet());
  }

  /** Returns the packages {@code from} uses. */
  SortedSet<String> usedBy(String from) {
    return new TreeSet<>(uses.getOrDefault(from, Collections.emptySortedMap()).keySet());
  }

  /**
   * Returns one cycle per group of packages that reach each other, as {@code a -> b -> a} with
   * the files that make each step, starting at the group's smallest name and as short as any
   * through it. Every import cycle lies inside such a group, so an empty list means none exists.
   */
  List<String> cycles() {
    List<String> found = new ArrayList<>();
    for (SortedSet<String> group : stronglyConnected()) {
      String start = group.first();
      Map<String, String> previous = new HashMap<>();
      Deque<String> queue = new ArrayDeque<>(List.of(start));
      String last = null;
      while (last == null) {
        String at = queue.removeFirst();
        for (String next : usedBy(at)) {
          if (next.equals(start)) {
            last = at;
            break;
          }
          if (group.contains(next) && !previous.containsKey(next)) {
            previous.put(next, at);
            queue.addLast(next);
          }
        }
      }
      List<String> path = new ArrayList<>(List.of(start));
      for (String at = last; !at.equals(start); at = previous.get(at)) {
        path.add(1, at);
      }
      path.add(start);
      StringBuilder text = new StringBuilder(String.join(" -> ", path)).append(" (");
      for (int k = 0; k + 1 < path.size(); k++) {
        text.append(k == 0 ? "" : "; ").append(path.get(k)).append(" -> ").append(path.get(k + 1))
            .append(" in ").append(String.join(", ", uses.get(path.get(k)).get(path.get(k + 1))));
      }
      found.add(text.append(')').toString());
    }
    return found;
  }

  /** Tarjan's algorithm; returns the groups of more than one package, each sorted. */
  private List<SortedSet<String>> stronglyConnected() {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    List<SortedSet<String>> groups = new ArrayList<>();
    for (String root : uses.keySet()) {
      if (!index.containsKey(root)) {
        connect(root, index, low, stack, groups);
      }
    }
    groups.sort((a, b) -> a.first().compareTo(b.first()));
    return groups;
  }

  private void connect(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
      List<SortedSet<String>> groups) {
    index.put(v, index.size());
    low.put(v, index.get(v));
    stack.push(v);
    for (String w : usedBy(v)) {
      if (!index.containsKey(w)) {
        connect(w, index, low, stack, groups);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (stack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      SortedSet<String> group = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        group.add(w);
      } while (!w.equals(v));
      if (group.size() > 1) {
        groups.add(group);
      }
    }
  }

  /**
   * Returns each use of an {@code .internal.} package from outside the package it belongs under
   * ({@code a.b.internal.c} belongs under {@code a.b}), as {@code user -> internal in files}.
   */
  List<String> internalUsesOutsideOwner() {
    List<String> found = new ArrayList<>();
    uses.forEach((from, targets) -> targets.forEach((to, files) -> {
      String owner = owner(to);
      if (owner != null && !from.equals(owner) && !from.startsWith(owner + ".")) {
        found.add(from + " -> " + to + " in " + String.join(", ", files));
      }
    }));
    return found;
  }

  /** Returns the package an internal package belongs under, or null for a public one. */
  static String owner(String pkg) {
    // The innermost internal segment decides: a.internal.b.internal.c belongs under a.internal.b.
    int at = ("." + pkg + ".").lastIndexOf(".internal.");
    return at <= 0 ? null : pkg.substring(0, at - 1);
  }
}
