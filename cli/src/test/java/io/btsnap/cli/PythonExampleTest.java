package io.btsnap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented Python grid search, run for real when python3 is installed. */
class PythonExampleTest {
  @TempDir Path tmp;

  @Test
  @SuppressWarnings("unchecked")
  void gridSearchCapturesEveryBacktestWithItsImports() throws Exception {
    Process probe;
    try {
      probe = new ProcessBuilder("python3", "--version").start();
    } catch (java.io.IOException e) {
      probe = null;
    }
    assumeTrue(probe != null && probe.waitFor() == 0, "python3 is not installed");
    Path example = Path.of("../examples/rsi_bb").toAbsolutePath().normalize();
    ProcessBuilder builder =
        new ProcessBuilder("python3", "grid_search.py", "--quick", "--via", "cli", "--store", tmp.resolve("store").toString())
            .directory(example.toFile())
            .redirectErrorStream(true);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    builder.environment().put("BTSNAP", "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' " + Main.class.getName());
    builder.environment().remove("BTSNAP_ENTRY");
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("best: run ").contains("grid_search.py", "entry point (parent process: python3 grid_search.py)");

    List<Map<String, Object>> runs = (List<Map<String, Object>>) new Cli(tmp.resolve("store")).run("ls", "--json").json();
    assertThat(runs).hasSize(4).allSatisfy(r -> {
      assertThat(r.get("entry")).isEqualTo("grid_search.py");
      assertThat(r.get("fileCount")).isEqualTo(8L);
      assertThat((Map<String, Object>) r.get("labels")).containsEntry("grid", "rsi_bb");
    });
    assertThat(runs).extracting(r -> ((Map<String, Object>) r.get("params")).get("rsi_period")).containsOnly("10", "14");
  }
}
