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

  /**
   * store init --group: the group can read and add to the store, others can't; verify counts that
   * as intended, and chmod --private takes the group out again. Acting as other users needs root.
   */
  @org.junit.jupiter.api.Test
  void aGroupStoreIsSharedWithItsGroupAloneUntilMadePrivate() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a folder to any group and act as its members");
    Path store = tmp.resolve("shared");
    Cli.Result init = Cli.runRaw("--store", store.toString(), "store", "init", "--group", "users");
    assertThat(init.code()).as(init.err()).isZero();
    assertThat(init.out()).contains("created store for group users");
    Path project = Files.createDirectories(tmp.resolve("proj"));
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path entry = Files.writeString(project.resolve("s.py"), "x = 1\n");
    assertThat(Cli.runRaw("--store", store.toString(), "capture", entry.toString()).code()).isZero();

    Path blob;
    try (Stream<Path> all = Files.walk(store.resolve("blobs"))) {
      blob = all.filter(Files::isRegularFile).findFirst().orElseThrow();
    }
    assertThat(mode(store)).isEqualTo("2770");
    assertThat(mode(blob.getParent())).isEqualTo("2770");
    assertThat(mode(blob)).isEqualTo("440");
    assertThat(mode(store.resolve("index/data.mdb"))).isEqualTo("660");
    assertThat(Files.getAttribute(blob, "unix:gid")).isEqualTo(100);
    assertThat(Cli.runRaw("--store", store.toString(), "store", "verify").code()).as("shared as asked: no problem").isZero();

    assertThat(runAs(List.of("--regid=65534", "--groups=100"), "cat", blob.toString()).code()).as("a member reads").isZero();
    assertThat(runAs(List.of("--regid=65534", "--clear-groups"), "cat", blob.toString()).code()).as("others don't").isNotZero();

    assertThat(Cli.runRaw("--store", store.toString(), "store", "chmod", "--private").code()).isZero();
    assertThat(mode(blob)).isEqualTo("400");
    assertThat(runAs(List.of("--regid=65534", "--groups=100"), "cat", blob.toString()).code()).isNotZero();
    assertThat(Files.readString(store.resolve("btsnap-store.yaml"))).contains("access: private");
  }

  @org.junit.jupiter.api.Test
  void initRefusesAnUnknownGroupAndAnExistingStore() throws Exception {
    Path store = tmp.resolve("s");
    Cli.Result unknown = Cli.runRaw("--store", store.toString(), "store", "init", "--group", "no-such-group-xyz");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err().strip()).isEqualTo("btsnap: no group 'no-such-group-xyz' on this machine");
    assertThat(Cli.runRaw("--store", store.toString(), "store", "init").code()).isZero();
    Cli.Result again = Cli.runRaw("--store", store.toString(), "store", "init");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err().strip()).isEqualTo("btsnap: a store already exists at " + store);
  }

  private static String mode(Path path) throws Exception {
    return Integer.toOctalString((Integer) Files.getAttribute(path, "unix:mode") & 07777);
  }

  private record Outcome(int code, String out) {}

  private static Outcome runAs(List<String> groupOptions, String... command) throws Exception {
    List<String> all = new ArrayList<>(List.of("setpriv", "--reuid=65534"));
    all.addAll(groupOptions);
    all.addAll(List.of(command));
    Process p = new ProcessBuilder(all).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Outcome(p.exitValue(), out);
  }
}
