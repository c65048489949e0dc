package io.btsnap.store.internal.verify;

import io.btsnap.store.Problem;
import io.btsnap.store.internal.PrivateModes;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Finds, and on request removes, access of other users to a store: stores made before stores were
 * private, or copied with a permissive umask. Files vanishing during the walk (a gc beside) are
 * skipped.
 */
public final class StorePermissions {
  private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private StorePermissions() {}

  /** Returns the problem of files under {@code root} that other users can access, if any. */
  public static Optional<Problem> check(Path root) throws IOException {
    long[] count = {0};
    String[] example = {null};
    walk(root, (path, mode) -> {
      if (!java.util.Collections.disjoint(mode, OTHERS)) {
        count[0]++;
        if (example[0] == null) {
          example[0] = root.relativize(path) + " " + PosixFilePermissions.toString(mode);
        }
      }
    });
    return count[0] == 0 ? Optional.empty() : Optional.of(new Problem.ReadableByOthers(count[0], example[0].strip()));
  }

  /** Gives every file and folder under {@code root} its private mode; returns how many changed. */
  public static long makePrivate(Path root, Path blobs) throws IOException {
    long[] changed = {0};
    walk(root, (path, mode) -> {
      Set<PosixFilePermission> wanted = Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)
          ? PrivateModes.FOLDER : path.startsWith(blobs) ? PrivateModes.BLOB : PrivateModes.FILE;
      if (!mode.equals(wanted)) {
        try {
          Files.setPosixFilePermissions(path, wanted);
          changed[0]++;
        } catch (NoSuchFileException e) {
          // deleted meanwhile
        }
      }
    });
    return changed[0];
  }

  private interface Visitor {
    void visit(Path path, Set<PosixFilePermission> mode) throws IOException;
  }

  private static void walk(Path root, Visitor visitor) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        visit(dir);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (!attrs.isSymbolicLink()) {
          visit(file);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }

      private void visit(Path path) throws IOException {
        try {
          visitor.visit(path, Files.getPosixFilePermissions(path, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
          // deleted meanwhile
        }
      }
    });
  }
}
