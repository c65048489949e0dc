package io.btsnap.serve;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * The size and modification time of the jar the service runs from. A rebuild replaces the jar;
 * the service then exits once idle of requests, and the next client starts the new build. (A
 * build id in the folder name would need the Python client to know the build without starting
 * a JVM.)
 */
record JarStamp(Path path, long size, long modified) {
  static Optional<JarStamp> ofRunningCode() {
    try {
      Path path = Path.of(CaptureService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(path) ? read(path) : Optional.empty();
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<JarStamp> read(Path path) {
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
      return Optional.of(new JarStamp(path, a.size(), a.lastModifiedTime().toMillis()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  boolean changed() {
    return !read(path).equals(Optional.of(this));
  }
}
