package io.btsnap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rough edges a newcomer's tour found, through the real CLI. */
class FinishedCliTest {
  @TempDir Path tmp;
  Cli cli;
  Path entry;

  @BeforeEach
  void project() throws Exception {
    Path project = Files.createDirectories(tmp.resolve("proj"));
    Files.writeString(project.resolve("pyproject.toml"), "");
    Files.writeString(project.resolve("risk.py"), "LIMIT = 1\n");
    entry = Files.writeString(project.resolve("main.py"), "import risk\n");
    cli = new Cli(tmp.resolve("store"));
  }

  private String capture() {
    return cli.run("capture", entry.toString(), "--mode", "imports").out().strip();
  }

  @Test
  void aMistypedCommandSuggestsTheNearestOne() {
    Cli.Result r = Cli.runRaw("lss");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("btsnap: unknown command 'lss': did you mean 'ls'? (see 'btsnap --help')\n");
    assertThat(Cli.runRaw("caputre").err()).contains("did you mean 'capture'?");
    assertThat(Cli.runRaw("restroe", "x", "y").err()).contains("did you mean 'restore'?");
    assertThat(Cli.runRaw("zzzzzz").err()).isEqualTo("btsnap: unknown command 'zzzzzz' (see 'btsnap --help')\n");
  }

  @Test
  void versionNamesTheBuildAndTheJava() {
    Cli.Result r = Cli.runRaw("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("btsnap 0.1.0 (commit ").contains("Java " + System.getProperty("java.version"));
  }

  @Test
  void completionForBashAndZsh() {
    assertThat(Cli.runRaw("completion").out()).contains("complete -F").startsWith("#!/usr/bin/env bash");
    assertThat(Cli.runRaw("completion", "--shell", "zsh").out()).startsWith("autoload -U +X compinit").contains("complete -F");
    assertThat(Cli.runRaw("completion", "--shell", "fish").code()).isEqualTo(2);
  }

  @Test
  void diffExitCodeSaysWhetherTheCodeDiffers() throws Exception {
    String a = capture();
    String same = capture();
    Files.writeString(entry.resolveSibling("risk.py"), "LIMIT = 2\n");
    String changed = capture();
    assertThat(cli.run("diff", a, same, "--exit-code").code()).isZero();
    Cli.Result differs = cli.run("diff", a, changed, "--exit-code");
    assertThat(differs.code()).isEqualTo(1);
    assertThat(differs.out()).isEqualTo("M\trisk.py\n");
    assertThat(differs.err()).isEmpty();
    assertThat(cli.run("diff", a, changed).code()).as("without the flag").isZero();
  }

  @Test
  void exportNeverOverwritesWithoutForceAndNamesAMissingFolder() throws Exception {
    String a = capture();
    Path archive = tmp.resolve("runs.tar.gz");
    assertThat(cli.run("export", a, "-o", archive.toString()).out()).isEqualTo("exported 1 run to " + archive + "\n");
    byte[] first = Files.readAllBytes(archive);
    Cli.Result again = cli.run("export", a, "-o", archive.toString());
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).isEqualTo("btsnap: " + archive + " exists: pass --force to replace it\n");
    assertThat(Files.readAllBytes(archive)).isEqualTo(first);
    assertThat(cli.run("export", a, "-o", archive.toString(), "--force").code()).isZero();
    Path missing = tmp.resolve("no/such/dir/x.tar.gz");
    assertThat(cli.run("export", a, "-o", missing.toString()).err())
        .isEqualTo("btsnap: cannot write " + missing + ": no such folder " + missing.getParent() + "\n");
  }

  @Test
  void importTakesAnArchiveMadeWithTarOfTheCurrentFolder() throws Exception {
    String a = capture();
    Path archive = tmp.resolve("runs.tar.gz");
    assertThat(cli.run("export", a, "-o", archive.toString()).code()).isZero();
    // Re-pack as 'tar -C dir -czf x.tar.gz .' does: a "./" entry, then "./RUN/...".
    Path dotted = tmp.resolve("dotted.tar.gz");
    try (TarArchiveInputStream in = new TarArchiveInputStream(new java.util.zip.GZIPInputStream(Files.newInputStream(archive)));
        OutputStream file = new BufferedOutputStream(Files.newOutputStream(dotted));
        TarArchiveOutputStream out = new TarArchiveOutputStream(new GZIPOutputStream(file))) {
      out.putArchiveEntry(new TarArchiveEntry("./"));
      out.closeArchiveEntry();
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        TarArchiveEntry copy = new TarArchiveEntry("./" + e.getName());
        copy.setSize(e.getSize());
        copy.setMode(e.getMode());
        out.putArchiveEntry(copy);
        in.transferTo(out);
        out.closeArchiveEntry();
      }
    }
    Cli other = new Cli(tmp.resolve("other"));
    Cli.Result r = other.run("import", dotted.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("imported 1 run\n");
    assertThat(other.run("cat", a, "risk.py").out()).isEqualTo("LIMIT = 1\n");
  }

  @Test
  void duAlertIsACronCheck() {
    capture();
    Cli.Result low = cli.run("store", "du", "--alert", "0");
    assertThat(low.code()).isEqualTo(1);
    assertThat(low.err().lines().toList()).hasSize(1);
    assertThat(low.err()).startsWith("btsnap: the store's file system is ").contains("% full, over the alert at 0%")
        .doesNotContainPattern("[0-9]{7,} ");
    assertThat(cli.run("store", "du", "--alert", "100").code()).isZero();
    assertThat(cli.run("store", "du", "--alert", "101").code()).isEqualTo(2);
    assertThat(cli.run("store", "du", "--alert", "0", "--json").code()).isEqualTo(1);
  }

  @Test
  void countsReadLikeEnglish() {
    String a = capture();
    assertThat(cli.run("store", "verify").out()).startsWith("ok: 1 run, 1 manifest, 2 blobs verified");
    assertThat(cli.run("store", "gc", "--keep-last", "0", "--dry-run").out()).startsWith("would delete 1 run, 1 manifest, 2 blobs, 0 orphan files");
    assertThat(List.of(a)).hasSize(1);
  }
}
