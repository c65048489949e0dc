package io.btsnap.remote;

import io.btsnap.store.model.RunId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The runs a store knows a remote holds (it pushed or pulled them), one id per line, in one file
 * per day of the runs' creation: {@code <store>/remote-cache/<name>.runs-by-day/<yyyymmdd>}.
 * Without it, every push read every segment of the bucket to learn which runs were there: a grid
 * that pushes each capture would read a thousand segments per push by its end. By day, a push
 * of today's captures reads today's file, not every id the store ever pushed. A lost or stale
 * file costs at most runs pushed twice, which readers merge by id. The single file {@code
 * <name>.runs} of earlier versions is split into days on first use.
 */
final class KnownRuns {
  private final Path folder;
  private final Path legacy;
  /** The gc/dropped objects this cache has taken into account, one key per line. */
  private final Path dropped;

  private KnownRuns(Path folder, Path legacy, Path dropped) {
    this.folder = folder;
    this.legacy = legacy;
    this.dropped = dropped;
  }

  static KnownRuns of(Path storeDir, String remote) {
    Path cache = storeDir.resolve("remote-cache");
    return new KnownRuns(cache.resolve(remote + ".runs-by-day"), cache.resolve(remote + ".runs"),
        cache.resolve(remote + ".dropped"));
  }

  /**
   * Forgets every run when a remote gc has dropped runs since this cache was written: a run it
   * dropped must not be skipped by the next push as if still there. The next push learns from
   * the bucket again. {@code droppedKeys} are all the gc/dropped tombstones listed now; those
   * pruned since are forgotten too.
   */
  void forgetIfDropped(java.util.List<String> droppedKeys) throws IOException {
    Set<String> seen = new HashSet<>();
    if (Files.isRegularFile(dropped)) {
      seen.addAll(Files.readAllLines(dropped, StandardCharsets.UTF_8));
    }
    boolean fresh = droppedKeys.stream().anyMatch(k -> !seen.contains(k));
    if (fresh) {
      delete();
    } else if (seen.equals(new HashSet<>(droppedKeys))) {
      return;
    }
    replace(dropped, droppedKeys.isEmpty() ? "" : String.join("\n", droppedKeys) + "\n");
  }

  /** Forgets every run known and every tombstone taken into account. */
  void clear() throws IOException {
    delete();
    Files.deleteIfExists(dropped);
  }

  /** Returns whether nothing is known: a new store, or a cache lost or forgotten. */
  boolean isEmpty() throws IOException {
    migrate();
    if (!Files.isDirectory(folder)) {
      return true;
    }
    try (java.util.stream.Stream<Path> days = Files.list(folder)) {
      return days.findAny().isEmpty();
    }
  }

  /** Returns those of {@code ids} known to be held, reading only the files of their days. */
  Set<RunId> knownAmong(Collection<RunId> ids) throws IOException {
    migrate();
    Set<RunId> known = new HashSet<>();
    java.util.Map<String, java.util.List<RunId>> byDay = new java.util.TreeMap<>();
    ids.forEach(id -> byDay.computeIfAbsent(day(id), d -> new java.util.ArrayList<>()).add(id));
    for (java.util.Map.Entry<String, java.util.List<RunId>> day : byDay.entrySet()) {
      Path file = folder.resolve(day.getKey());
      if (!Files.isRegularFile(file)) {
        continue;
      }
      Set<String> lines = new HashSet<>(Files.readAllLines(file, StandardCharsets.UTF_8)); // a line cut by a crash matches nothing
      day.getValue().stream().filter(id -> lines.contains(id.value())).forEach(known::add);
    }
    return known;
  }

  /** Records {@code ids} as held by the remote; appended, so concurrent pushes lose nothing. */
  void add(Collection<RunId> ids) throws IOException {
    if (ids.isEmpty()) {
      return;
    }
    java.util.Map<String, StringBuilder> byDay = new java.util.TreeMap<>();
    ids.forEach(id -> byDay.computeIfAbsent(day(id), d -> new StringBuilder()).append(id.value()).append('\n'));
    folder(folder); // remote-cache/
    folder(folder.resolve("day")); // remote-cache/NAME.runs-by-day/
    for (java.util.Map.Entry<String, StringBuilder> day : byDay.entrySet()) {
      append(folder.resolve(day.getKey()), day.getValue().toString());
    }
  }

  /** The day of a run's creation, {@code yyyymmdd}: the first part of its id. */
  private static String day(RunId id) {
    return id.value().substring(0, 8);
  }

  /** Splits the single file of earlier versions into days, then deletes it. */
  private void migrate() throws IOException {
    if (!Files.isRegularFile(legacy)) {
      return;
    }
    java.util.List<String> lines;
    try {
      lines = Files.readAllLines(legacy, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException raced) {
      return; // a concurrent push migrated it
    }
    add(lines.stream().map(String::strip).filter(RunId::isWellFormed).map(RunId::parse).toList());
    Files.deleteIfExists(legacy);
  }

  /** Appends to a file of {@code remote-cache/}, making the folder (0700) and file (0600) first. */
  static void append(Path file, String lines) throws IOException {
    folder(file);
    if (!Files.exists(file)) {
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // made by a concurrent push
      }
    }
    Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  /** Replaces a file of {@code remote-cache/} (0600) whole, so a reader sees the old or the new. */
  static void replace(Path file, String content) throws IOException {
    folder(file);
    Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Makes {@code remote-cache/} (0700) unless there. */
  static void folder(Path file) throws IOException {
    if (!Files.isDirectory(file.getParent())) {
      try {
        Files.createDirectory(file.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // made by a concurrent push
      }
    }
  }

  /** Forgets every run known. */
  void delete() throws IOException {
    Files.deleteIfExists(legacy);
    if (Files.isDirectory(folder)) {
      try (java.util.stream.Stream<Path> days = Files.list(folder)) {
        for (Path day : days.toList()) {
          Files.deleteIfExists(day);
        }
      }
    }
  }
}
