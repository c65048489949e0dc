package io.btsnap.store.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@code /}-separated path relative to a project root. It can't be absolute, empty, or contain
 * {@code .}, {@code ..} or empty segments, so a path that leaves the root can't be built.
 *
 * @param value the path's text, e.g. {@code indicators/rsi.py}
 */
public record RelativePath(String value) implements Comparable<RelativePath> {
  /**
   * Folders whose files are never a run's code, whatever a pattern says: version control,
   * caches, installed packages.
   */
  public static final java.util.Set<String> NEVER_CODE = java.util.Set.of(".git", "__pycache__", "node_modules", "site-packages");


  /** Checks that {@code value} stays inside the root. */
  public RelativePath {
    Objects.requireNonNull(value, "value");
    String problem = problem(value);
    if (problem != null) {
      throw new IllegalArgumentException("unsafe path '" + value + "': " + problem);
    }
  }

  /** Returns the last segment: the file's name. */
  public String name() {
    return value.substring(value.lastIndexOf('/') + 1);
  }

  /** Parses {@code value}; throws {@link IllegalArgumentException} if it could leave the root. */
  public static RelativePath of(String value) {
    return new RelativePath(value);
  }

  /**
   * Returns the path of {@code file} relative to {@code root}, both already normalized absolute
   * paths; throws {@link IllegalArgumentException} when {@code file} is not inside {@code root}.
   */
  public static RelativePath between(Path root, Path file) {
    if (!file.startsWith(root) || file.equals(root)) {
      throw new IllegalArgumentException(file + " is outside the project root " + root);
    }
    StringBuilder text = new StringBuilder();
    for (Path part : root.relativize(file)) {
      if (text.length() > 0) {
        text.append('/');
      }
      text.append(part);
    }
    return new RelativePath(text.toString());
  }

  /** Returns why {@code value} is unsafe, or null when it is a safe relative path. */
  public static String problem(String value) {
    if (value.isEmpty()) {
      return "empty";
    }
    if (value.startsWith("/")) {
      return "absolute";
    }
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) < 0x20 || value.charAt(i) == 0x7f) {
        // Manifests are line-based text; a control character (a newline above all) in a
        // name would make them ambiguous.
        return "contains a control character";
      }
    }
    if (value.indexOf('\\') >= 0) {
      return "contains a backslash";
    }
    for (String segment : value.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return "contains the segment '" + segment + "'";
      }
    }
    return null;
  }

  /** Returns this path resolved against {@code root}. */
  public Path resolveAgainst(Path root) {
    return root.resolve(value);
  }

  @Override
  public int compareTo(RelativePath other) {
    return value.compareTo(other.value);
  }

  // Written out: a record's generated equals and hashCode are bootstrapped through method
  // handles on first use, several milliseconds of every short-lived command that keys a map.
  @Override
  public boolean equals(Object other) {
    return other instanceof RelativePath o && value.equals(o.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
