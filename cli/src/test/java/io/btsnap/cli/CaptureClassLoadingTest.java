package io.btsnap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capture path and the CLI's start load neither the remote module nor its cryptography:
 * a backtest pays for no class it does not use. Checked in a child JVM that logs every class
 * it loads.
 */
class CaptureClassLoadingTest {
  @TempDir Path tmp;

  private List<String> loadedBy(String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xlog:class+load=info:stdout", "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "--store", tmp.resolve("store").toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(out.lines().filter(l -> !l.contains("[class,load]")).toList().toString()).isZero();
    return out.lines().filter(l -> l.contains("[class,load]")).toList();
  }

  @Test
  void captureAndRemoteLsLoadNoCryptographyAndCaptureNoRemoteClass() throws Exception {
    Path project = Files.createDirectories(tmp.resolve("p"));
    Files.writeString(project.resolve("pyproject.toml"), "");
    Path entry = Files.writeString(project.resolve("main.py"), "x = 1\n");
    List<String> capture = loadedBy("capture", entry.toString(), "--mode", "entry");
    assertThat(capture).as("classes a capture loads").isNotEmpty()
        .noneMatch(l -> l.contains("io.btsnap.remote") || l.contains("org.bouncycastle") || l.contains("software.amazon"));
    List<String> remoteLs = loadedBy("remote", "ls");
    assertThat(remoteLs).noneMatch(l -> l.contains("org.bouncycastle") || l.contains("io.btsnap.remote.crypto"));
  }
}
