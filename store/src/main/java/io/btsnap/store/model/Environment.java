package io.btsnap.store.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What surrounded the code of a run: the interpreter, the platform, the installed packages, the
 * git state of the project. Kept as one text per distinct environment (a thousand runs in one
 * environment share it), beside the manifest and never in its id: the same code in another
 * environment is still the same code.
 *
 * <p>Keys, sorted: {@code python}, {@code implementation}, {@code platform}, {@code git.commit},
 * {@code git.branch}, {@code git.dirty} ({@code true} when a captured file differs from the
 * commit or is not in it), and {@code pkg:NAME} with each installed distribution's version.
 *
 * @param text one {@code key<TAB>value} line per entry, in key order
 */
public record Environment(String text) {
  /** The environment of a run that recorded none. */
  public static final Environment NONE = new Environment("");
  /** The prefix of an installed distribution's key. */
  public static final String PACKAGE = "pkg:";

  /** Checks the text. */
  public Environment {
    Objects.requireNonNull(text, "text");
  }

  /** Builds the environment of {@code values}; tabs and control characters become {@code ?}. */
  public static Environment of(Map<String, String> values) {
    return new Environment(TabLines.encode(values));
  }

  /** The last text decoded and its entries: a service's captures show one environment over and over. */
  private static volatile Decoded last = new Decoded("", Map.of());

  private record Decoded(String text, Map<String, String> values) {}

  /** Returns the entries, in key order; the map cannot be changed. */
  public Map<String, String> values() {
    Decoded known = last;
    if (known.text().equals(text)) {
      return known.values();
    }
    Map<String, String> values = java.util.Collections.unmodifiableMap(TabLines.decode(text));
    last = new Decoded(text, values);
    return values;
  }

  /** Returns this environment with {@code more} added, replacing entries of the same keys. */
  public Environment with(Map<String, String> more) {
    if (more.isEmpty()) {
      return this;
    }
    Map<String, String> all = new TreeMap<>(values());
    all.putAll(more);
    return of(all);
  }

  /** One entry that differs between two environments; a side without it is null. */
  public record Change(String key, String before, String after) {}

  /** Returns the entries that differ from this environment to {@code later}, in key order. */
  public java.util.List<Change> changesTo(Environment later) {
    Map<String, String> a = values();
    Map<String, String> b = later.values();
    java.util.TreeSet<String> keys = new java.util.TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    java.util.List<Change> changes = new java.util.ArrayList<>();
    for (String key : keys) {
      if (!Objects.equals(a.get(key), b.get(key))) {
        changes.add(new Change(key, a.get(key), b.get(key)));
      }
    }
    return changes;
  }

  /**
   * Returns one line for people: interpreter, platform, git state and the number of packages,
   * e.g. {@code CPython 3.11.7, Linux-6.1-x86_64, git main@1a2b3c4d (dirty), 143 packages}.
   */
  public String summary() {
    Map<String, String> v = values();
    java.util.List<String> parts = new java.util.ArrayList<>();
    if (v.containsKey("python")) {
      parts.add(v.getOrDefault("implementation", "Python") + " " + v.get("python"));
    }
    if (v.containsKey("platform")) {
      parts.add(v.get("platform"));
    }
    if (v.containsKey("git.commit") || v.containsKey("git.branch")) {
      String commit = v.getOrDefault("git.commit", "no commit");
      parts.add("git " + v.getOrDefault("git.branch", "?") + "@" + commit.substring(0, Math.min(8, commit.length()))
          + ("true".equals(v.get("git.dirty")) ? " (dirty)" : ""));
    }
    long packages = v.keySet().stream().filter(k -> k.startsWith(PACKAGE)).count();
    if (packages > 0) {
      parts.add(packages + (packages == 1 ? " package" : " packages"));
    }
    return parts.isEmpty() ? "-" : String.join(", ", parts);
  }

  /** Returns whether nothing was recorded. */
  public boolean isEmpty() {
    return text.isEmpty();
  }
}
