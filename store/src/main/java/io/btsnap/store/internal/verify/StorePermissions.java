package io.btsnap.store.internal.verify;

import io.btsnap.store.internal.StoreAccess;
import io.btsnap.store.model.Problem;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Finds, and on request removes, access of other users to a store: stores made before stores were
 * private, or copied with a permissive umask. Files vanishing during the walk (a gc beside) are
 * skipped.
 */
public final class StorePermissions {
  private StorePermissions() {}

  /** Returns the problem of files under {@code root} that users {@code access} keeps out can access, if any. */
  public static Optional<Problem> check(Path root, StoreAccess access) throws IOException {
    long[] count = {0};
    String[] example = {null};
    walk(root, (path, mode) -> {
      if (access.exposes(StoreAccess.modeOf(path))) {
        count[0]++;
        if (example[0] == null) {
          example[0] = root.relativize(path) + " " + PosixFilePermissions.toString(mode);
        }
      }
    });
    return count[0] == 0 ? Optional.empty() : Optional.of(new Problem.ReadableByOthers(count[0], example[0].strip()));
  }

  /** Gives every file and folder under {@code root} its mode under {@code access}; returns how many changed. */
  public static long apply(Path root, Path blobs, StoreAccess access) throws IOException {
    long[] changed = {0};
    walk(root, (path, mode) -> {
      int wanted = access.modeFor(path, blobs);
      if (StoreAccess.modeOf(path) != wanted) {
        try {
          StoreAccess.setMode(path, wanted);
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
