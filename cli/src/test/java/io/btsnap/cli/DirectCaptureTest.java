package io.btsnap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The capture read without picocli must mean exactly what picocli reads, or be left to it. */
class DirectCaptureTest {
  private static final String[] TOKENS = {
    "capture", "capture", "x.py", "dir/s.py", "sp ace.py", "ä.py", "a\u0000b",
    "-p", "-p", "a=1", "a=1", "b=x=y", "=1", "a", " =1", "k=", "-pa=1", "-pb=2=3", "-p=a=1", "-p a=1",
    "--param", "--param=c=4", "--param=", "-l", "k=v", "--label=k=v", "-lk=v",
    "--mode", "imports", "IMPORTS", "entry", "files", "bogus", "--mode=files", "--mode=",
    "--config", "cfg.yaml", "--config=c.yaml", "--root", ".", "--root=/r", "--sweep", "grid", "--sweep=g2",
    "loaded", "imports+loaded",
    "--min-free", "1G", "10k", "0", "-1", "--min-free=5M", "--max-file-size", "12", "1.5M", "--max-file-size=2G",
    "--max-files", "50", "007", "+3", "--max-files=9",
    "--dry-run", "--explain", "--json", "--json=true", "--dry-run=false",
    "--store", "/tmp/s", "--store=/tmp/t", "--store=", "--stacktrace",
    "-h", "--help", "-V", "--version", "--", "-", "@args.txt", "\"q=1\"", "'a=b'", "-x", "--bogus", "", "--p",
  };

  @TempDir Path tmp;

  @Test
  void everyCommandLineTakenDirectlyMeansWhatPicocliReads() {
    long seed = Long.getLong("btsnap.test.seed", 20261126L);
    Random random = new Random(seed);
    int taken = 0;
    int cases = Integer.getInteger("btsnap.directcapture.cases", 4000);
    for (int n = 0; n < cases; n++) {
      String[] args = commandLine(random);
      Optional<DirectCapture> direct = DirectCapture.parse(args, new ByteArrayOutputStream(), Map.of());
      if (direct.isEmpty()) {
        continue;
      }
      taken++;
      assertThat(fields(direct.get().app(), direct.get().command()))
          .as("seed %d, args %s", seed, List.of(args))
          .isEqualTo(picocliFields(args));
    }
    assertThat(taken).as("command lines taken directly").isGreaterThan(cases / 10);
  }

  @Test
  void theUsualFormsAreTakenDirectly() {
    assertThat(DirectCapture.parse(args("capture"), System.out, Map.of())).isPresent();
    assertThat(DirectCapture.parse(
            args("--store", "/s", "capture", "s.py", "-p", "a=1", "-pb=2", "--param", "c=3", "--param=d=4",
                "-l", "k=v", "--mode", "imports", "--json", "--explain", "--root=.", "--min-free", "1G"),
            System.out, Map.of()))
        .isPresent();
    assertThat(DirectCapture.parse(args("capture", "--dry-run", "--stacktrace", "--store=/s"), System.out, Map.of()))
        .isPresent();
  }

  @Test
  void anythingElseIsLeftToPicocli() {
    for (String[] args : List.of(
        args("capture", "--help"), args("capture", "-h"), args("ls"), args("--version"), args("capture", "--mode", "x"),
        args("capture", "-p", "novalue"), args("capture", "-p", " =1"), args("capture", "--json", "--json"),
        args("capture", "a.py", "b.py"), args("capture", "@opts"), args("capture", "--min-free", "lots"),
        args("capture", "--"), args("capture", "-p"), args("capture", "--bogus"), args("show", "capture"))) {
      assertThat(DirectCapture.parse(args, System.out, Map.of())).as(List.of(args).toString()).isEmpty();
    }
  }

  @Test
  void aDirectCaptureStoresTheRunAndFailsAsPicocliWould() throws Exception {
    Path entry = Files.writeString(Files.createDirectories(tmp.resolve("p")).resolve("s.py"), "x = 1\n");
    String store = tmp.resolve("store").toString();
    String[] capture = args("--store", store, "capture", entry.toString(), "-p", "rsi=14", "--json");
    assertThat(DirectCapture.parse(capture, System.out, Map.of())).isPresent();
    Cli.Result done = Cli.runRaw(capture);
    assertThat(done.code()).as(done.err()).isZero();
    assertThat(((Map<?, ?>) done.json()).get("mode")).isEqualTo("entry");
    Cli.Result shown = Cli.runRaw("--store", store, "show", "latest", "--json");
    assertThat(((Map<?, ?>) shown.json()).get("params")).isEqualTo(Map.of("rsi", "14"));

    String missing = tmp.resolve("p/missing.py").toString();
    String[] failing = args("--store", store, "capture", missing);
    assertThat(DirectCapture.parse(failing, System.out, Map.of())).isPresent();
    Cli.Result direct = Cli.runRaw(failing);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.commandLine(out, err, Map.of()).execute(failing);
    assertThat(direct.code()).isEqualTo(code).isEqualTo(1);
    assertThat(direct.err()).isEqualTo(err.toString(StandardCharsets.UTF_8)).startsWith("btsnap: ").doesNotContain("\tat ");
  }

  private static String[] args(String... args) {
    return args;
  }

  private static String[] commandLine(Random random) {
    List<String> args = new ArrayList<>();
    int before = random.nextInt(3);
    for (int i = 0; i < before; i++) {
      args.add(random.nextBoolean() ? "--store" : "--stacktrace");
      if (args.get(args.size() - 1).equals("--store")) {
        args.add(random.nextBoolean() ? "/tmp/s" : TOKENS[random.nextInt(TOKENS.length)]);
      }
    }
    if (random.nextInt(10) > 0) {
      args.add("capture");
    }
    int after = random.nextInt(9);
    for (int i = 0; i < after; i++) {
      args.add(TOKENS[random.nextInt(TOKENS.length)]);
    }
    return args.toArray(String[]::new);
  }

  /** What picocli sets from {@code args}, or the message of its refusal. */
  private static List<Object> picocliFields(String[] args) {
    CommandLine cli = Main.commandLine(new ByteArrayOutputStream(), new ByteArrayOutputStream(), Map.of());
    try {
      ParseResult parsed = cli.parseArgs(args);
      CaptureCommand command = parsed.subcommand().commandSpec().commandLine().getCommand();
      return fields(cli.getCommand(), command);
    } catch (CommandLine.ParameterException e) {
      return List.of("refused: " + e.getMessage());
    }
  }

  private static List<Object> fields(BtsnapCommand app, CaptureCommand c) {
    return List.of(
        String.valueOf(app.store), app.stackTrace, String.valueOf(c.entry),
        List.copyOf(c.params), List.copyOf(c.labels),
        String.valueOf(c.mode), String.valueOf(c.config), String.valueOf(c.root), String.valueOf(c.sweep),
        c.minFree, c.maxFileSize, c.maxFiles, c.dryRun, c.explain, c.json.enabled());
  }
}
