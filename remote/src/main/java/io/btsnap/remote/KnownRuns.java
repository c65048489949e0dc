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
 * The runs a store knows a remote holds (it pushed or pulled them), one id per line in {@code
 * <store>/remote-cache/<name>.runs}. Without it, every push read every segment of the bucket to
 * learn which runs were there: a grid that pushes each capture would read a thousand segments
 * per push by its end. A lost or stale file costs at most runs pushed twice, which readers
 * merge by id.
 */
final class KnownRuns {
  private final Path file;
  /** The gc/dropped objects this cache has taken into account, one key per line. */
  private final Path dropped;

  private KnownRuns(Path file, Path dropped) {
    this.file = file;
    this.dropped = dropped;
  }

  static KnownRuns of(Path storeDir, String remote) {
    Path folder = storeDir.resolve("remote-cache");
    return new KnownRuns(folder.resolve(remote + ".runs"), folder.resolve(remote + ".dropped"));
  }

  /**
   * Forgets every run when a remote gc has dropped runs since this cache was written: a run it
   * dropped must not be skipped by the next push as if still there. The next push learns from
   * the bucket again.
   */
  void forgetIfDropped(java.util.List<String> droppedKeys) throws IOException {
    Set<String> seen = new HashSet<>();
    if (Files.isRegularFile(dropped)) {
      seen.addAll(Files.readAllLines(dropped, StandardCharsets.UTF_8));
    }
    java.util.List<String> fresh = droppedKeys.stream().filter(k -> !seen.contains(k)).toList();
    if (fresh.isEmpty()) {
      return;
    }
    delete();
    append(dropped, String.join("\n", fresh) + "\n");
  }

  Set<RunId> read() throws IOException {
    Set<RunId> ids = new HashSet<>();
    if (Files.isRegularFile(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (RunId.isWellFormed(line.strip())) {
          ids.add(RunId.parse(line.strip())); // a line cut by a crash is skipped
        }
      }
    }
    return ids;
  }

  /** Records {@code ids} as held by the remote; appended, so concurrent pushes lose nothing. */
  void add(Collection<RunId> ids) throws IOException {
    if (ids.isEmpty()) {
      return;
    }
    StringBuilder lines = new StringBuilder();
    ids.forEach(id -> lines.append(id.value()).append('\n'));
    append(file, lines.toString());
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

  void delete() throws IOException {
    Files.deleteIfExists(file);
  }
}
