package io.btsnap.capture.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The short way to a real path must give what {@link Path#toRealPath} gives, links included. */
class RealPathsTest {
  @TempDir Path tmp;

  @Test
  void givesWhatToRealPathGivesForPlainFilesLinksAndDotDot() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("proj")).toRealPath();
    Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.writeString(outside.resolve("lib.py"), "X = 1\n");
    Files.createDirectories(root.resolve("pkg"));
    Files.writeString(root.resolve("pkg/mod.py"), "");
    Files.createSymbolicLink(root.resolve("linked"), outside);
    Files.createSymbolicLink(root.resolve("pkg/alias.py"), root.resolve("pkg/mod.py"));
    RealPaths paths = new RealPaths(root);
    for (Path p : new Path[] {root.resolve("pkg/mod.py"), root.resolve("linked/lib.py"), root.resolve("pkg/alias.py"),
        root.resolve("pkg/../pkg/mod.py"), root.resolve("linked/../elsewhere/lib.py"), root}) {
      assertThat(paths.of(p)).as(p.toString()).isEqualTo(p.toRealPath());
      assertThat(paths.of(p)).as("remembered: %s", p).isEqualTo(p.toRealPath());
    }
    assertThat(paths.of(root.resolve("linked/lib.py"))).isEqualTo(outside.toRealPath().resolve("lib.py"));
  }

  @Test
  void aMissingFileFailsAsToRealPathDoes() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("proj")).toRealPath();
    assertThatThrownBy(() -> new RealPaths(root).of(root.resolve("gone/mod.py"))).isInstanceOf(NoSuchFileException.class);
  }
}
