package io.btsnap.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The hash of every file of a store but LMDB's lock file (whose reader table changes on every
 * read), to check that a failed command left the store exactly as it was.
 */
final class StoreSnapshot {
  private StoreSnapshot() {}

  static Map<String, String> of(Path store) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.exists(store)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(store)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p) && !p.getFileName().toString().equals("lock.mdb")) {
          files.put(store.relativize(p).toString(), DigestUtils.sha256Hex(Files.readAllBytes(p)));
        } else if (Files.isDirectory(p)) {
          files.put(store.relativize(p) + "/", "dir");
        }
      }
    }
    return files;
  }
}
