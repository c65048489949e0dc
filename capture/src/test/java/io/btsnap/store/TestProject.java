package io.btsnap.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes project files for tests. */
final class TestProject {
  private final Path root;

  TestProject(Path root) throws IOException {
    this.root = Files.createDirectories(root);
    Files.writeString(root.resolve("pyproject.toml"), "[project]\nname = \"t\"\n");
  }

  Path root() {
    return root;
  }

  Path write(String path, String content) throws IOException {
    return write(path, content.getBytes(StandardCharsets.UTF_8));
  }

  Path write(String path, byte[] content) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    return file;
  }

  Path writeExecutable(String path, String content) throws IOException {
    Path file = write(path, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
