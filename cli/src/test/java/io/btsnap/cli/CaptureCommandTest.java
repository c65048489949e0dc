package io.btsnap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureCommandTest {
  @TempDir Path tmp;
  Cli cli;
  Path entry;

  @BeforeEach
  void setUp() throws Exception {
    cli = new Cli(tmp.resolve("store"));
    Path project = Files.createDirectories(tmp.resolve("proj"));
    Files.writeString(project.resolve("pyproject.toml"), "[project]\n");
    entry = Files.writeString(project.resolve("strategy.py"), "print('hello')\n");
  }

  @Test
  void capturePrintsTheRunIdAlone() {
    Cli.Result result = cli.run("capture", entry.toString(), "-p", "rsi_period=14");
    assertThat(result.code()).isZero();
    assertThat(result.out()).matches("\\d{8}-\\d{6}-[0-9a-f]{6}\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void captureJsonHasTheContractFields() throws Exception {
    Map<String, Object> first = (Map<String, Object>) cli.run("capture", entry.toString(), "--json").json();
    assertThat(first.keySet()).containsExactly("id", "created", "mode", "entry", "root", "params", "labels", "metrics", "pinned",
        "manifest", "files", "environment", "newBlobs", "newBytes", "unresolved", "warnings");
    Map<String, Object> shown = (Map<String, Object>) cli.run("show", (String) first.get("id"), "--json").json();
    assertThat(first).as("the whole run, as show --json prints it").containsAllEntriesOf(shown);
    assertThat(first.get("mode")).isEqualTo("entry");
    assertThat(first.get("entry")).isEqualTo("strategy.py");
    assertThat(first.get("root")).isEqualTo(tmp.resolve("proj").toRealPath().toString());
    assertThat(first.get("newBlobs")).isEqualTo(1L);
    assertThat(first.get("newBytes")).isEqualTo(15L);
    List<Map<String, Object>> files = (List<Map<String, Object>>) first.get("files");
    assertThat(files).singleElement().satisfies(f -> {
      assertThat(f.get("path")).isEqualTo("strategy.py");
      assertThat(f.get("size")).isEqualTo(15L);
      assertThat((String) f.get("hash")).hasSize(64);
    });

    Map<String, Object> second = (Map<String, Object>) cli.run("capture", entry.toString(), "--json").json();
    assertThat(second.get("newBlobs")).isEqualTo(0L);
    assertThat(second.get("newBytes")).isEqualTo(0L);
    assertThat(second.get("id")).isNotEqualTo(first.get("id"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void paramsAndLabelsKeepTheirOrder() {
    cli.run("capture", entry.toString(), "-p", "z=1", "-p", "a=2", "-p", "m=x=y", "-l", "sweep=rsi");
    Map<String, Object> run = (Map<String, Object>) cli.run("show", "latest", "--json").json();
    assertThat(((Map<String, Object>) run.get("params"))).containsExactly(
        Map.entry("z", "1"), Map.entry("a", "2"), Map.entry("m", "x=y"));
    assertThat(((Map<String, Object>) run.get("labels"))).containsExactly(Map.entry("sweep", "rsi"));
  }

  @Test
  void relativeEntryAndExplicitRootWork() throws Exception {
    Path nested = Files.createDirectories(tmp.resolve("proj/src/strats"));
    Path file = Files.writeString(nested.resolve("s.py"), "x\n");
    Cli.Result result = cli.run("capture", file.toString(), "--root", tmp.resolve("proj/src").toString(), "--json");
    assertThat(result.code()).isZero();
    assertThat(result.out()).contains("\"entry\": \"strats/s.py\"");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aStrategyFileAloneRecordsNoEntryPoint() throws Exception {
    Path project = tmp.resolve("proj");
    Files.createDirectories(project.resolve("config"));
    Files.writeString(project.resolve("config/params.json"), "{}\n");
    Path yaml = Files.writeString(project.resolve("strategy.yaml"), "files:\n  - config/params.json\n  - strategy.py\n");
    Map<String, Object> run = (Map<String, Object>) cli.run("capture", "--config", yaml.toString(), "--json").json();
    assertThat(run.get("mode")).isEqualTo("files");
    assertThat(run).containsEntry("entry", null);
    assertThat(cli.run("show", "latest").out()).contains("entry     -\n");
  }
}
