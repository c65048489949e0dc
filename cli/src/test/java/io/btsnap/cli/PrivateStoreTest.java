package io.btsnap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A new store is readable by its owner alone, whatever the umask of the process that made it:
 * folders 0700, files 0600, blobs 0400. The real command runs as a process under the umask.
 */
class PrivateStoreTest {
  private static final Set<PosixFilePermission> OTHERS = Set.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  @TempDir Path tmp;

  @ParameterizedTest(name = "umask {0}")
  @ValueSource(strings = {"000", "022"})
  void aNewStoreIsPrivateWhateverTheUmask(String umask) throws Exception {
    Path project = Files.createDirectories(tmp.resolve("proj"));
    Path entry = Files.writeString(project.resolve("s.py"), "import m\n");
    Files.writeString(project.resolve("m.py"), "X = 1\n");
    Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString("rw-rw-rw-"));
    Path store = tmp.resolve("store");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command = "umask " + umask + " && exec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
        + Main.class.getName() + " --store '" + store + "' capture --mode imports '" + entry + "'";
    Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();

    List<Path> blobs = new ArrayList<>();
    try (Stream<Path> all = Files.walk(store)) {
      for (Path path : all.toList()) {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
        assertThat(mode).as("%s is %s", store.relativize(path), PosixFilePermissions.toString(mode)).doesNotContainAnyElementsOf(OTHERS);
        if (Files.isDirectory(path)) {
          assertThat(PosixFilePermissions.toString(mode)).as("%s", path).isEqualTo("rwx------");
        } else if (path.startsWith(store.resolve("blobs"))) {
          assertThat(PosixFilePermissions.toString(mode)).as("%s", path).isEqualTo("r--------");
          blobs.add(path);
        }
      }
    }
    assertThat(blobs).hasSize(2);
    assertThat(Files.getPosixFilePermissions(store.resolve("index/data.mdb"))).doesNotContainAnyElementsOf(OTHERS);
    assertAnotherUserCannotRead(blobs.get(0));
  }

  /** As root, read the blob as nobody: the mode, not only its bits in this test, must stop it. */
  private static void assertAnotherUserCannotRead(Path blob) throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "only root can act as another user");
    Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "cat", blob.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isNotZero();
    assertThat(out).contains("Permission denied");
  }
}
