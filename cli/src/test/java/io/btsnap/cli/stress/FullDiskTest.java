package io.btsnap.cli.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store on a 4 MiB tmpfs that the test fills: captures that don't fit are refused with one
 * line, earlier runs stay whole and gc still works. Needs root to mount; skipped otherwise.
 */
class FullDiskTest {
  @TempDir Path tmp;
  Path disk;
  boolean mounted;

  @BeforeEach
  void mount() throws Exception {
    disk = Files.createDirectories(tmp.resolve("disk"));
    Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", disk.toString())
        .redirectErrorStream(true).start();
    mounted = p.waitFor() == 0;
    assumeTrue(mounted, "can't mount a tmpfs here (needs root): full-disk test skipped");
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      new ProcessBuilder("umount", disk.toString()).start().waitFor();
    }
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @Test
  void aCaptureThatDoesNotFitFailsCleanlyAndGcStillWorks() throws Exception {
    StressFixture fixture = new StressFixture(tmp);
    Path storeDir = disk.resolve("store");
    Path project = fixture.project;
    Files.writeString(project.resolve("main.py"), "import data\n");
    Files.write(project.resolve("data.py"), random(900_000, 1));
    String[] cli = {"--store", storeDir.toString()};
    String[] first = run(fixture, cli, "capture", project.resolve("main.py").toString(), "--mode", "imports", "--min-free", "0");
    assertThat(first[0]).as(first[2]).isEqualTo("0");
    Files.write(project.resolve("data.py"), random(900_000, 2));
    String[] second = run(fixture, cli, "capture", project.resolve("main.py").toString(), "--mode", "imports", "--min-free", "0");
    assertThat(second[0]).as(second[2]).isEqualTo("0");

    // The guard refuses before writing when the default reserve can't be kept.
    String[] guarded = run(fixture, cli, "capture", project.resolve("main.py").toString(), "--mode", "imports");
    assertThat(guarded[0]).isEqualTo("1");
    assertThat(guarded[2]).startsWith("btsnap: disk almost full: ").doesNotContain("\n\t");

    // Filling what is left but 256 KiB: a capture of new content is refused before it writes.
    fill(disk.resolve("filler"), 256 * 1024);
    Files.write(project.resolve("data.py"), random(400_000, 3));
    String[] full = run(fixture, cli, "capture", project.resolve("main.py").toString(), "--mode", "imports", "--min-free", "0");
    assertThat(full[0]).isEqualTo("1");
    assertThat(full[2]).startsWith("btsnap: disk almost full: ").contains("nothing stored");
    assertThat(full[2].strip()).doesNotContain("\n");
    try (var left = Files.list(storeDir.resolve("tmp"))) {
      assertThat(left).as("temp files are removed").isEmpty();
    }
    String[] verify = run(fixture, cli, "store", "verify");
    assertThat(verify[0]).as(verify[1]).isEqualTo("0");
    assertThat(run(fixture, cli, "ls", "--json")[1]).contains(first[1].strip()).contains(second[1].strip());

    // Filled to the last block, gc commits if LMDB's free pages suffice; if not, it fails with
    // one line and changes nothing. Either way nothing of the kept run is lost.
    fill(disk.resolve("filler2"), 0);
    String[] last = run(fixture, cli, "store", "gc", "--keep-last", "1");
    if (last[0].equals("1")) {
      assertThat(last[2]).startsWith("btsnap: disk full: ").doesNotContain("\n\t");
      assertThat(run(fixture, cli, "ls", "--json")[1]).contains(first[1].strip());
    } else {
      assertThat(last[0]).as(last[2]).isEqualTo("0");
    }
    Files.delete(disk.resolve("filler2"));
    String[] verified = run(fixture, cli, "store", "verify");
    assertThat(verified[0]).as("gc said %s%s; verify says %s", last[1], last[2], verified[1]).isEqualTo("0");

    // gc works on the nearly full disk and frees room for the capture.
    String[] gc = run(fixture, cli, "store", "gc", "--keep-last", "1");
    assertThat(gc[0]).as(gc[2]).isEqualTo("0");
    assertThat(run(fixture, cli, "ls", "--json")[1]).doesNotContain(first[1].strip()).contains(second[1].strip());
    Files.delete(disk.resolve("filler"));
    Files.write(project.resolve("data.py"), random(1_500_000, 4));
    String[] after = run(fixture, cli, "capture", project.resolve("main.py").toString(), "--mode", "imports", "--min-free", "0");
    assertThat(after[0]).as(after[2]).isEqualTo("0");
    assertThat(run(fixture, cli, "store", "verify")[0]).isEqualTo("0");
  }

  /** Writes {@code file} until the file system has no more than {@code leave} bytes free. */
  static void fill(Path file, long leave) throws Exception {
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(file)) {
      while (Files.getFileStore(file).getUsableSpace() > leave) {
        out.write(block);
        out.flush();
      }
    } catch (java.io.IOException full) {
      assertThat(full.getMessage()).contains("No space left on device");
    }
  }

  private static String[] run(StressFixture fixture, String[] prefix, String... args) {
    String[] all = new String[prefix.length + args.length];
    System.arraycopy(prefix, 0, all, 0, prefix.length);
    System.arraycopy(args, 0, all, prefix.length, args.length);
    return fixture.cliRaw(all);
  }
}
