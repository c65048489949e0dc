package io.btsnap.capture.python;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * Real paths of the files one import analysis reaches, under a root that is itself a real path.
 * {@link Path#toRealPath} asks the kernel about every component from {@code /} down (a failing
 * {@code readlink} each), for every module of every capture; below a real root only the
 * components under it can be links, so one {@code lstat} each tells, and a path once resolved is
 * remembered for the rest of the analysis. A link, or a {@code ..}, leaves it to {@code toRealPath}.
 */
final class RealPaths {
  private final Path root;
  private final Map<Path, Path> known = new HashMap<>();

  RealPaths(Path realRoot) {
    this.root = realRoot;
  }

  /** Returns the real path of {@code path}; throws as {@link Path#toRealPath} does. */
  Path of(Path path) throws IOException {
    Path absolute = path.toAbsolutePath();
    Path found = known.get(absolute);
    if (found == null) {
      found = resolve(absolute);
      known.put(absolute, found);
    }
    return found;
  }

  private Path resolve(Path absolute) throws IOException {
    for (Path part : absolute) {
      // Lexical ".." is wrong after a link, and relativize would fold it away unseen.
      if (part.toString().equals("..") || part.toString().equals(".")) {
        return absolute.toRealPath();
      }
    }
    if (!absolute.startsWith(root) || absolute.equals(root)) {
      return absolute.toRealPath();
    }
    Path current = root;
    for (Path part : root.relativize(absolute)) {
      current = current.resolve(part);
      BasicFileAttributes attributes = Files.readAttributes(current, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attributes.isSymbolicLink()) {
        return absolute.toRealPath();
      }
    }
    return current;
  }
}
