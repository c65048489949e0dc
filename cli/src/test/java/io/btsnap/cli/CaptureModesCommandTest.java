package io.btsnap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example strategy through the CLI in each mode, with --dry-run and --explain. */
class CaptureModesCommandTest {
  @TempDir Path tmp;
  final Path example = Path.of("../examples/rsi_bb/rsi_bb_strategy.py").toAbsolutePath().normalize();

  @Test
  void dryRunExplainsTheImportChainAndStoresNothing() {
    Cli cli = new Cli(tmp.resolve("store"));
    Cli.Result result = cli.run("capture", example.toString(), "--mode", "imports", "--dry-run", "--explain");
    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out())
        .startsWith("would capture 7 files (")
        .contains("in imports mode from ")
        .containsPattern("rsi_bb_strategy\\.py +entry point \\(given\\)")
        .containsPattern("utils/risk\\.py +imported: rsi_bb_strategy\\.py → utils/risk\\.py")
        .containsPattern("indicators/bollinger\\.py +imported: rsi_bb_strategy\\.py → utils/signals\\.py → indicators/bollinger\\.py");
    assertThat(tmp.resolve("store")).doesNotExist();
  }

  @Test
  @SuppressWarnings("unchecked")
  void importsModeStoresTheClosureAndShowTellsWhy() {
    Cli cli = new Cli(tmp.resolve("store"));
    Cli.Result first = cli.run("capture", example.toString(), "--mode", "imports", "-p", "rsi_period=14", "--json");
    assertThat(first.code()).as(first.err()).isZero();
    Map<String, Object> json = (Map<String, Object>) first.json();
    assertThat(json.get("mode")).isEqualTo("imports");
    assertThat(json.get("newBlobs")).isEqualTo(7L);
    Cli.Result second = cli.run("capture", example.toString(), "--mode", "imports", "-p", "rsi_period=20", "--explain");
    assertThat(second.out()).matches("\\d{8}-\\d{6}-[0-9a-f]{6}\n");
    assertThat(second.err()).contains("captured 7 files in imports mode").contains("utils/__init__.py");

    Map<String, Object> shown = (Map<String, Object>) cli.run("show", "latest", "--json").json();
    List<Map<String, Object>> files = (List<Map<String, Object>>) shown.get("files");
    assertThat(files).extracting(f -> f.get("path")).containsExactly(
        "indicators/__init__.py", "indicators/bollinger.py", "indicators/rsi.py", "rsi_bb_strategy.py",
        "utils/__init__.py", "utils/risk.py", "utils/signals.py");
    assertThat(files).extracting(f -> f.get("reason")).contains("entry point (given)");
    assertThat(cli.run("show", "latest").out()).contains("imported: rsi_bb_strategy.py → utils/signals.py → indicators/bollinger.py");
    Map<String, Object> du = (Map<String, Object>) cli.run("store", "du", "--json").json();
    assertThat(du).containsEntry("runs", 2L).containsEntry("blobs", 7L).containsEntry("files", 14L);
  }

  @Test
  void strategyYamlSwitchesToFilesModeAndNamesItsLine() throws Exception {
    Path proj = Files.createDirectories(tmp.resolve("proj"));
    Files.writeString(proj.resolve("s.py"), "import json\n");
    Files.createDirectories(proj.resolve("config"));
    Files.writeString(proj.resolve("config/params.json"), "{}\n");
    Files.writeString(proj.resolve("strategy.yaml"), "files:\n  - s.py\n  - config/params.json  # data\n");
    Cli cli = new Cli(tmp.resolve("store"));
    Cli.Result result = cli.run("capture", proj.resolve("s.py").toString(), "--dry-run", "--explain");
    assertThat(result.out()).contains("in files mode").containsPattern("config/params\\.json +listed in strategy\\.yaml:3");
    Files.writeString(proj.resolve("strategy.yaml"), "files:\n  - s.py\n  - config/missing.json\n");
    Cli.Result bad = cli.run("capture", proj.resolve("s.py").toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).startsWith("btsnap: " + proj.toRealPath().resolve("strategy.yaml") + ":3: listed file not found");
    assertThat(tmp.resolve("store")).doesNotExist();
  }

  @Test
  void entryFromTheEnvironmentVariable() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code = Main.commandLine(out, err, Map.of("BTSNAP_ENTRY", example.toString()))
        .execute("--store", tmp.resolve("store").toString(), "capture", "--json");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("\"entry\": \"rsi_bb_strategy.py\"").contains("entry point ($BTSNAP_ENTRY)");
  }
}
