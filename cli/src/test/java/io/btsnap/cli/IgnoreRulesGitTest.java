package io.btsnap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A glob's walk skips what git ignores: on generated trees with nested {@code .gitignore} files
 * (negations, anchors, {@code **}, folder-only patterns, classes) and a virtualenv, {@code files:
 * ["**}{@code /*"]} selects exactly what {@code git ls-files --cached --others --exclude-standard}
 * lists.
 */
class IgnoreRulesGitTest {
  private static final String[] FOLDERS = {"a", "b", "build", "docs", "cache", "sub", "out1", "tmp", "data", "deep"};
  private static final String[] FILES = {
      "x.py", "y.log", "keep.log", "top.txt", "data1.csv", "dataX.csv", "z.txt", "#hash.txt", "n.md", "q.pyc", "w.txt", "m.py"};
  private static final String[] PATTERNS = {
      "*.log", "!keep.log", "build/", "/top.txt", "docs/*.md", "**/tmp", "a/**/z.txt", "cache/**", "!cache/keep.log",
      "*.py[co]", "data[0-9].csv", "?.txt", "sub/", "\\#hash.txt", "out*/", "b/", "!b/", "*.md", "!n.md", "data/",
      "w.txt", "/a/x.py", "deep/*/m.py", "# a comment", "", "[!x].py", "**/deep/**", "!*.csv", "z.txt/"};

  @TempDir Path tmp;

  @Test
  void globSelectionEqualsWhatGitLists() throws Exception {
    assumeTrue(git(tmp, "--version").code() == 0, "git is not installed");
    long seed = 20261129L;
    Random random = new Random(seed);
    int treesWithIgnoredCode = 0;
    for (int tree = 0; tree < 30; tree++) {
      Path project = Files.createDirectories(tmp.resolve("t" + tree));
      List<Path> folders = new ArrayList<>(List.of(project));
      for (int i = 0; i < 12; i++) {
        Path parent = folders.get(random.nextInt(folders.size()));
        if (project.relativize(parent).getNameCount() < 3) {
          folders.add(Files.createDirectories(parent.resolve(FOLDERS[random.nextInt(FOLDERS.length)])));
        }
      }
      for (Path folder : folders) {
        for (int i = random.nextInt(5); i > 0; i--) {
          Files.writeString(folder.resolve(FILES[random.nextInt(FILES.length)]), "x\n");
        }
        if (folder.equals(project) || random.nextInt(3) == 0) {
          StringBuilder rules = new StringBuilder(folder.equals(project) ? "venv/\n" : "");
          for (int i = 1 + random.nextInt(5); i > 0; i--) {
            rules.append(PATTERNS[random.nextInt(PATTERNS.length)]).append('\n');
          }
          Files.writeString(folder.resolve(".gitignore"), rules.toString());
        }
      }
      Path venv = Files.createDirectories(project.resolve("venv/lib/python3.11/site-packages/pkg"));
      Files.writeString(project.resolve("venv/pyvenv.cfg"), "home = /usr/bin\n");
      Files.writeString(venv.resolve("m.py"), "x\n");
      Files.writeString(project.resolve("strategy.yaml"), "files:\n  - \"**/*\"\n");
      assertThat(git(project, "init", "-q").code()).isZero();

      Outcome listed = git(project, "ls-files", "--cached", "--others", "--exclude-standard");
      TreeSet<String> expected = new TreeSet<>(listed.out().lines().map(IgnoreRulesGitTest::unquote).toList());
      Cli.Result selected = Cli.runRaw("--store", tmp.resolve("store").toString(), "capture", "--config",
          project.resolve("strategy.yaml").toString(), "--dry-run", "--json");
      assertThat(selected.code()).as("seed %d tree %d: %s", seed, tree, selected.err()).isZero();
      TreeSet<String> paths = new TreeSet<>();
      for (Object f : (List<?>) ((Map<?, ?>) selected.json()).get("files")) {
        paths.add((String) ((Map<?, ?>) f).get("path"));
      }
      assertThat(paths).as("seed %d tree %d", seed, tree).isEqualTo(expected);
      try (var all = Files.walk(project)) {
        long outsideVenvAndGit = all.filter(Files::isRegularFile).map(f -> project.relativize(f).toString())
            .filter(f -> !f.startsWith("venv/") && !f.startsWith(".git/")).count();
        treesWithIgnoredCode += outsideVenvAndGit > expected.size() ? 1 : 0;
      }
    }
    assertThat(treesWithIgnoredCode).as("the trees exercise the rules, not only the virtualenv").isGreaterThan(20);
  }

  @Test
  void btsnapignoreAndAlwaysSkippedFoldersAreSkippedButAnExactListingIsTaken() throws Exception {
    Path project = Files.createDirectories(tmp.resolve("p"));
    Files.writeString(project.resolve(".btsnapignore"), "notes/\n*.csv\n");
    for (String path : List.of("s.py", "notes/n.py", "data.csv", "__pycache__/s.py", "node_modules/m/i.py",
        "env/pyvenv.cfg", "env/lib/x.py", "lib/site-packages/y.py", "ok/z.py")) {
      Files.createDirectories(project.resolve(path).getParent());
      Files.writeString(project.resolve(path), "x\n");
    }
    Files.writeString(project.resolve("strategy.yaml"), "files:\n  - \"**/*.py\"\n  - data.csv\n");
    Cli.Result r = Cli.runRaw("--store", tmp.resolve("store").toString(), "capture", "--config",
        project.resolve("strategy.yaml").toString(), "--dry-run", "--explain");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("  s.py", "  ok/z.py", "  data.csv")
        .contains("listed exactly, so taken though .btsnapignore:2 (*.csv) skips it")
        .doesNotContain("notes/", "__pycache__", "node_modules", "env/", "site-packages");
  }

  @Test
  void rulesAboveAProjectInsideARepositoryApplyAsGitAppliesThem() throws Exception {
    assumeTrue(git(tmp, "--version").code() == 0, "git is not installed");
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    Path project = Files.createDirectories(repo.resolve("research/proj"));
    Files.writeString(repo.resolve(".gitignore"), "*.log\n/research/proj/skip.py\nproj/cache/\n**/cache/\n");
    Files.createDirectories(repo.resolve(".git/info"));
    for (String path : List.of("a.py", "run.log", "skip.py", "cache/c.py", "sub/skip.py", "sub/excluded.txt")) {
      Files.createDirectories(project.resolve(path).getParent());
      Files.writeString(project.resolve(path), "x\n");
    }
    Files.writeString(project.resolve("strategy.yaml"), "files:\n  - \"**/*\"\n");
    assertThat(git(repo, "init", "-q").code()).isZero();
    Files.writeString(repo.resolve(".git/info/exclude"), "excluded.txt\n");

    TreeSet<String> expected = new TreeSet<>(git(project, "ls-files", "--cached", "--others", "--exclude-standard")
        .out().lines().toList());
    Cli.Result selected = Cli.runRaw("--store", tmp.resolve("store").toString(), "capture", "--config",
        project.resolve("strategy.yaml").toString(), "--dry-run", "--json");
    assertThat(selected.code()).as(selected.err()).isZero();
    TreeSet<String> paths = new TreeSet<>();
    for (Object f : (List<?>) ((Map<?, ?>) selected.json()).get("files")) {
      paths.add((String) ((Map<?, ?>) f).get("path"));
    }
    assertThat(expected).containsExactly("a.py", "strategy.yaml", "sub/skip.py");
    assertThat(paths).isEqualTo(expected);
  }

  private record Outcome(int code, String out) {}

  private static Outcome git(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-c", "core.excludesFile=/dev/null", "-c", "core.quotePath=false"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    builder.environment().put("HOME", dir.toString());
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Outcome(p.exitValue(), out);
  }

  private static String unquote(String line) {
    return line.startsWith("\"") ? line.substring(1, line.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\") : line;
  }
}
