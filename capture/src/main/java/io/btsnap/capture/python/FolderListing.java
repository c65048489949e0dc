package io.btsnap.capture.python;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * The entries of the folders one analysis looks in, each folder listed once. Resolving an
 * import otherwise stats several candidate names in every search folder and resolves real
 * paths; for the example strategy that was most of the analysis time. Symbolic links are
 * reported as such, so callers can still check where they lead.
 */
final class FolderListing {
  enum Kind {
    FILE,
    FOLDER,
    LINK
  }

  private final Map<Path, Map<String, Kind>> folders = new HashMap<>();

  /** Returns what {@code name} is in {@code folder}, or null when it is not there. */
  Kind kindOf(Path folder, String name) {
    return folders.computeIfAbsent(folder, FolderListing::list).get(name);
  }

  private static Map<String, Kind> list(Path folder) {
    Map<String, Kind> entries = new HashMap<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
      for (Path entry : stream) {
        try {
          BasicFileAttributes attrs = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          Kind kind = attrs.isSymbolicLink() ? Kind.LINK : attrs.isDirectory() ? Kind.FOLDER : attrs.isRegularFile() ? Kind.FILE : null;
          if (kind != null) {
            entries.put(entry.getFileName().toString(), kind);
          }
        } catch (IOException vanished) {
          // gone between listing and reading: as if never there
        }
      }
    } catch (IOException notAFolder) {
      // a missing or unreadable folder has no modules
    }
    return entries;
  }
}
