package io.btsnap.remote;

import io.btsnap.store.RunId;
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

  private KnownRuns(Path file) {
    this.file = file;
  }

  static KnownRuns of(Path storeDir, String remote) {
    return new KnownRuns(storeDir.resolve("remote-cache").resolve(remote + ".runs"));
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
    if (!Files.isDirectory(file.getParent())) {
      try {
        Files.createDirectory(file.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // made by a concurrent push
      }
    }
    StringBuilder lines = new StringBuilder();
    ids.forEach(id -> lines.append(id.value()).append('\n'));
    if (!Files.exists(file)) {
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // made by a concurrent push
      }
    }
    Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  void delete() throws IOException {
    Files.deleteIfExists(file);
  }
}
