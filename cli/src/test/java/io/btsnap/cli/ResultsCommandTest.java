package io.btsnap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results after the backtest, through the real CLI: metrics, labels, filtered listings, keep-top, sweeps. */
class ResultsCommandTest {
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

  private String capture(String... extra) {
    List<String> args = new ArrayList<>(List.of("capture", entry.toString(), "--mode", "imports"));
    args.addAll(List.of(extra));
    Cli.Result r = cli.run(args.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    return r.out().strip();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> show(String id) {
    return (Map<String, Object>) cli.run("show", id, "--json").json();
  }

  @SuppressWarnings("unchecked")
  private List<String> ls(String... args) {
    List<String> all = new ArrayList<>(List.of("ls", "--json"));
    all.addAll(List.of(args));
    Cli.Result r = cli.run(all.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    return ((List<Map<String, Object>>) r.json()).stream().map(m -> (String) m.get("id")).toList();
  }

  @Test
  void metricsAndLabelsSetAfterTheCaptureShowListAndTravel() throws Exception {
    String a = capture("-p", "p=1", "-l", "sweep=x");
    String b = capture("-p", "p=2", "-l", "sweep=x");
    String c = capture("-p", "p=3", "-l", "sweep=y");
    assertThat(cli.run("annotate", a, "sharpe=1.42", "max_dd=-0.12").code()).isZero();
    assertThat(cli.run("annotate", b, "sharpe=2").code()).isZero();
    assertThat(cli.run("annotate", c, "sharpe=0.5").code()).isZero();
    assertThat(cli.run("annotate", a, "sharpe=1.5").out()).isEqualTo(a + " sweep=x sharpe=1.5 max_dd=-0.12\n");
    assertThat(cli.run("label", b, "keep=yes").code()).isZero();
    assertThat(cli.run("label", c, "--remove", "sweep", "best=no").code()).isZero();

    assertThat(show(a).get("metrics")).isEqualTo(Map.of("sharpe", 1.5, "max_dd", -0.12));
    assertThat(show(b).get("labels")).isEqualTo(Map.of("sweep", "x", "keep", "yes"));
    assertThat(show(c).get("labels")).isEqualTo(Map.of("best", "no"));
    assertThat(cli.run("show", a).out()).contains("metrics   sharpe=1.5 max_dd=-0.12\n");

    assertThat(ls("--sort", "sharpe")).containsExactly(b, a, c);
    assertThat(ls("--sort", "+sharpe", "--limit", "2")).containsExactly(c, a);
    assertThat(ls("--where", "sharpe>1", "--label", "sweep=x")).containsExactly(b, a);
    assertThat(ls("--where", "max_dd >= -0.2")).containsExactly(a);
    assertThat(ls("--param", "p=3")).containsExactly(c);
    assertThat(ls("--limit", "1")).containsExactly(c);
    String text = cli.run("ls", "--sort", "sharpe").out();
    assertThat(text.lines().findFirst().orElseThrow()).contains("PIN", "SHARPE", "LABELS");
    assertThat(text).contains("[sweep=x keep=yes]");

    Path archive = tmp.resolve("runs.tar.gz");
    assertThat(cli.run("export", a, b, "-o", archive.toString()).code()).isZero();
    Cli other = new Cli(tmp.resolve("other"));
    assertThat(other.run("import", archive.toString()).code()).isZero();
    @SuppressWarnings("unchecked")
    Map<String, Object> imported = (Map<String, Object>) other.run("show", b, "--json").json();
    assertThat(imported.get("labels")).isEqualTo(Map.of("sweep", "x", "keep", "yes"));
    assertThat(imported.get("metrics")).isEqualTo(Map.of("sharpe", 2.0));
  }

  @Test
  void badMetricsAndQueriesAreRefusedAndChangeNothing() throws Exception {
    String a = capture();
    Map<String, String> before = StoreSnapshot.of(tmp.resolve("store"));
    for (String[] args : List.of(
        new String[] {"annotate", a, "sharpe=abc"}, new String[] {"annotate", a, "sharpe=NaN"},
        new String[] {"annotate", a, "sharpe=Infinity"}, new String[] {"annotate", a, "=1"}, new String[] {"annotate", a},
        new String[] {"label", a}, new String[] {"label", a, "k=v", "--remove", "k"},
        new String[] {"ls", "--where", "sharpe"}, new String[] {"ls", "--where", "sharpe>x"}, new String[] {"ls", "--sort", "+"},
        new String[] {"ls", "--limit", "-1"}, new String[] {"store", "gc", "--keep-top", "3"},
        new String[] {"store", "gc", "--by", "sharpe"}, new String[] {"store", "gc", "--keep-top", "-1", "--by", "s"})) {
      Cli.Result r = cli.run(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
    }
    assertThat(cli.run("annotate", "20991231-000000-000000", "sharpe=1").code()).isEqualTo(1);
    assertThat(StoreSnapshot.of(tmp.resolve("store"))).isEqualTo(before);
  }

  @Test
  void keepTopPerSweepOverAThousandRunsListsExactlyWhatItDeletes() throws Exception {
    Random random = new Random(7);
    Map<String, Double> sharpe = new HashMap<>();
    Map<String, String> sweepOf = new HashMap<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      String sweep = "s" + (i % 4);
      String id = capture("-p", "i=" + i, "--sweep", sweep);
      ids.add(id);
      sweepOf.put(id, sweep);
      if (i % 10 != 9) { // a tenth of the runs have no result yet
        double value = Math.round(random.nextGaussian() * 1000) / 1000.0;
        sharpe.put(id, value);
        assertThat(cli.run("annotate", id, "sharpe=" + value).code()).isZero();
      }
    }
    Set<String> top = new HashSet<>();
    Map<String, List<String>> bySweep = sharpe.keySet().stream().collect(Collectors.groupingBy(sweepOf::get));
    for (List<String> runs : bySweep.values()) {
      runs.sort(Comparator.comparing((String id) -> sharpe.get(id)).reversed().thenComparing(Comparator.reverseOrder()));
      top.addAll(runs.subList(0, 10));
    }
    List<String> outside = ids.stream().filter(id -> !top.contains(id)).toList();
    String pinned = outside.get(3);
    String labelled = outside.get(500);
    assertThat(cli.run("pin", pinned).code()).isZero();
    assertThat(cli.run("label", labelled, "keep=yes").code()).isZero();

    Cli.Result dry = cli.run("store", "gc", "--keep-top", "10", "--by", "sharpe", "--per", "sweep", "--keep-label", "keep=yes", "--dry-run");
    assertThat(dry.code()).as(dry.err()).isZero();
    Set<String> listedForDeletion = new HashSet<>();
    Map<String, String> kept = new LinkedHashMap<>();
    for (String line : dry.out().lines().toList()) {
      if (line.startsWith("  run ")) {
        listedForDeletion.add(line.substring(6, 28));
      } else if (line.startsWith("  keep ")) {
        kept.put(line.substring(7, 29), line.substring(31));
      }
    }
    Set<String> expected = new HashSet<>(outside);
    expected.remove(pinned);
    expected.remove(labelled);
    assertThat(listedForDeletion).isEqualTo(expected);
    assertThat(kept).isEqualTo(Map.of(pinned, "pinned", labelled, "keep-label keep=yes"));
    assertThat(dry.out().lines().findFirst().orElseThrow()).startsWith("would delete " + expected.size() + " runs");
    assertThat(ls()).hasSize(1000);

    assertThat(cli.run("store", "gc", "--keep-top", "10", "--by", "sharpe", "--per", "sweep", "--keep-label", "keep=yes").code()).isZero();
    Set<String> left = new HashSet<>(ls());
    Set<String> stays = new HashSet<>(top);
    stays.add(pinned);
    stays.add(labelled);
    assertThat(left).isEqualTo(stays);
    assertThat(cli.run("store", "verify").code()).isZero();
  }

  @Test
  void plainLsShowsTheCommonestMetricsRoundedAndAligned() throws Exception {
    String a = capture("-p", "i=1");
    String b = capture("-p", "i=2");
    String c = capture("-p", "i=3");
    cli.run("annotate", a, "sharpe=1.23456", "max_dd=-0.12345", "trades=10");
    cli.run("annotate", b, "sharpe=12345.678", "max_dd=-0.5", "trades=7", "rare=1");
    cli.run("annotate", c, "sharpe=0.0000123", "trades=3");
    List<String> lines = cli.run("ls").out().lines().toList();
    assertThat(lines.get(0)).contains("   SHARPE     TRADES     MAX_DD  ENTRY").doesNotContain("RARE");
    assertThat(lines.get(1)).startsWith(c).contains("1.230e-05          3          -  ");
    assertThat(lines.get(2)).startsWith(b).contains("    12350          7       -0.5  ");
    assertThat(lines.get(3)).startsWith(a).contains("    1.235         10    -0.1235  ");
    int end = lines.get(0).indexOf("SHARPE") + "SHARPE".length();
    assertThat(lines.subList(1, 4)).allMatch(l -> l.charAt(end - 1) != ' ' && l.charAt(end) == ' ');
    assertThat(cli.run("ls", "--metrics", "rare").out().lines().findFirst().orElseThrow())
        .contains("PIN       RARE  ENTRY").doesNotContain("SHARPE");
  }

  @Test
  void aSweepWhoseModuleChangesMidGridWarnsOnceAndReportsTwoVersions() throws Exception {
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      if (i == 3) {
        Files.writeString(entry.resolveSibling("risk.py"), "LIMIT = 2\n");
      }
      Cli.Result r = cli.run("capture", entry.toString(), "--mode", "imports", "--sweep", "grid", "-p", "i=" + i);
      assertThat(r.code()).isZero();
      r.err().lines().forEach(warnings::add);
    }
    capture("--sweep", "other");
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).startsWith("btsnap: warning: code changed mid-sweep grid (since run ").endsWith("): risk.py");

    String report = cli.run("sweep", "grid").out();
    assertThat(report).startsWith("sweep grid: 6 runs, ").contains("code versions: 2\n").contains("       M risk.py\n");
    String one = (String) ((Map<?, ?>) ((List<?>) cli.run("ls", "--label", "sweep=other", "--json").json()).get(0)).get("id");
    assertThat(cli.run("sweep", "other").out().lines().toList())
        .as("a one-run sweep names its run once").element(0).asString().matches("sweep other: 1 run, " + one + " \\([^)]*\\)");
    assertThat(cli.run("sweep", "other").out()).contains("  1 run     " + one + "\n");
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) cli.run("sweep", "grid", "--json").json();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> versions = (List<Map<String, Object>>) json.get("versions");
    assertThat(versions).extracting(v -> v.get("runs")).containsExactly(3L, 3L);
    assertThat(versions.get(1).get("changes")).isEqualTo(List.of(Map.of("path", "risk.py", "change", "changed")));
    assertThat(cli.run("sweep", "missing").code()).isEqualTo(1);
  }
}
