package io.btsnap.capture.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.btsnap.capture.EntryPoint;
import io.btsnap.capture.Launch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's record, as the Python client writes it into {@code $BTSNAP_DRIVER}. */
class DriverRecordDetectorTest {
  @TempDir Path tmp;

  private Optional<EntryPoint> detect(String record) {
    return new DriverRecordDetector(Map.of(DriverRecordDetector.VARIABLE, record), 42).detect();
  }

  @Test
  void aRecordGivesTheDriversScriptLaunchedAsTheDriverWas() throws Exception {
    Path script = Files.writeString(tmp.resolve("sweep.py"), "");
    String record = "{\"entry\":\"" + script + "\",\"how\":\"python client: __main__\",\"sysPath0\":\"" + tmp
        + "\",\"pythonPath\":[\"" + tmp.resolve("lib") + "\"]}";
    EntryPoint found = detect(record).orElseThrow();
    assertThat(found.file()).isEqualTo(script);
    assertThat(found.how()).isEqualTo("driver script ($BTSNAP_DRIVER)");
    Launch launch = found.launch().orElseThrow();
    assertThat(launch.pid()).isEqualTo(42);
    assertThat(launch.module()).isEmpty();
    assertThat(launch.searchPath()).containsExactly(tmp, tmp.resolve("lib"));
  }

  @Test
  void aModuleRunKeepsItsModuleAndTop() throws Exception {
    Files.createDirectories(tmp.resolve("pkg"));
    Path main = Files.writeString(tmp.resolve("pkg/run.py"), "");
    EntryPoint found = detect("{\"entry\":\"" + main + "\",\"module\":\"pkg.run\",\"sysPath0\":\"" + tmp + "\"}").orElseThrow();
    assertThat(found.launch().orElseThrow().module()).contains("pkg.run");
    assertThat(found.launch().orElseThrow().workingDir()).isEqualTo(tmp);
  }

  @Test
  void anythingButAUsableRecordIsNoAnswer() {
    for (String record : List.of("", "not json", "[1]", "{\"entry\":3}", "{\"entry\":\"relative.py\"}",
        "{\"entry\":\"" + tmp.resolve("gone.py") + "\"}")) {
      assertThat(detect(record)).as(record).isEmpty();
    }
    assertThat(new DriverRecordDetector(Map.of(), 1).detect()).isEmpty();
  }
}
