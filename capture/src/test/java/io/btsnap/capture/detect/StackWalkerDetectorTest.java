package io.btsnap.capture.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.btsnap.fixture.JvmBacktester;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackWalkerDetectorTest {
  @TempDir Path tmp;

  @Test
  void aRealMainFindsItsOwnSourceFile() throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                JvmBacktester.class.getName(),
                tmp.resolve("store").toString())
            .directory(Path.of("").toAbsolutePath().toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    String[] lines = output.split("\n");
    assertThat(lines[0]).endsWith("src/test/java/io/btsnap/fixture/JvmBacktester.java");
    assertThat(lines[1]).isEqualTo("entry point (main class io.btsnap.fixture.JvmBacktester (stack))");
  }

  @Test
  void aClassOutsideTheSourceRootsIsNotDetected() {
    StackWalkerDetector detector = new StackWalkerDetector(java.util.List.of(tmp.resolve("src")), "com.example.Nowhere arg");
    assertThat(detector.detect()).isEmpty();
  }
}
