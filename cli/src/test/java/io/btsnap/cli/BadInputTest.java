package io.btsnap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input ends in one line on stderr, exit 1 or 2, and a store left exactly as it was. */
class BadInputTest {
  @TempDir Path tmp;
  Cli cli;
  String runId;

  @BeforeEach
  void setUp() throws Exception {
    cli = new Cli(tmp.resolve("store"));
    Path project = Files.createDirectories(tmp.resolve("proj"));
    Files.writeString(project.resolve("pyproject.toml"), "[project]\n");
    Files.writeString(project.resolve("s.py"), "x = 1\n");
    Files.createDirectories(tmp.resolve("full"));
    Files.writeString(tmp.resolve("full/keep.txt"), "mine\n");
    runId = cli.run("capture", project.resolve("s.py").toString()).out().strip();
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of("missing entry", new String[] {"capture", "{tmp}/proj/nope.py"}, 1, "entry not found"),
        Arguments.of("directory as entry", new String[] {"capture", "{tmp}/proj"}, 1, "is a directory"),
        Arguments.of("entry outside root", new String[] {"capture", "{tmp}/full/keep.txt", "--root", "{tmp}/proj"}, 1, "outside the project root"),
        Arguments.of("root not a folder", new String[] {"capture", "{tmp}/proj/s.py", "--root", "{tmp}/nowhere"}, 1, "not a folder"),
        Arguments.of("unknown run", new String[] {"show", "20200101-000000-000000"}, 1, "no run 20200101-000000-000000"),
        Arguments.of("garbage run ref", new String[] {"cat", "zz", "s.py"}, 1, "no run 'zz'"),
        Arguments.of("unknown path", new String[] {"cat", "latest", "other.py"}, 1, "has no file other.py"),
        Arguments.of("restore into non-empty folder", new String[] {"restore", "latest", "{tmp}/full"}, 1, "not empty"),
        Arguments.of("restore onto a file", new String[] {"restore", "latest", "{tmp}/full/keep.txt"}, 1, "not a folder"),
        Arguments.of("unknown run in diff", new String[] {"diff", "latest", "20200101-000000-000000"}, 1, "no run"),
        Arguments.of("bad option", new String[] {"capture", "--bogus", "{tmp}/proj/s.py"}, 2, "Unknown option"),
        Arguments.of("param without value", new String[] {"capture", "{tmp}/proj/s.py", "-p", "novalue"}, 2, "KEY=VALUE"),
        Arguments.of("param given twice", new String[] {"capture", "{tmp}/proj/s.py", "-p", "a=1", "-p", "a=2"}, 2, "--param a is given twice (1 and 2)"),
        Arguments.of("label given twice", new String[] {"capture", "{tmp}/proj/s.py", "-l", "k=x", "--label=k=y"}, 2, "--label k is given twice"),
        Arguments.of("param with empty key", new String[] {"capture", "{tmp}/proj/s.py", "-p", "=1"}, 2, "non-empty KEY"),
        Arguments.of("no entry given or detected", new String[] {"capture"}, 1, "entry point not detected: pass the main file, set $BTSNAP_ENTRY, or list files in strategy.yaml"),
        Arguments.of("unknown mode", new String[] {"capture", "{tmp}/proj/s.py", "--mode", "everything"}, 2, "unknown capture mode 'everything'"),
        Arguments.of("files mode without strategy.yaml", new String[] {"capture", "{tmp}/proj/s.py", "--mode", "files"}, 1, "needs a strategy.yaml"),
        Arguments.of("missing config file", new String[] {"capture", "{tmp}/proj/s.py", "--config", "{tmp}/nope.yaml"}, 1, "config file not found"),
        Arguments.of("unknown command", new String[] {"frobnicate"}, 2, "frobnicate"),
        Arguments.of("patch with json", new String[] {"diff", "latest", "latest", "--patch", "--json"}, 2, "can't be combined"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInputGivesOneLineAndLeavesTheStoreAsItWas(String name, String[] args, int code, String message)
      throws Exception {
    Map<String, String> before = StoreSnapshot.of(tmp.resolve("store"));
    String[] resolved = Stream.of(args).map(a -> a.replace("{tmp}", tmp.toString())).toArray(String[]::new);

    Cli.Result result = cli.run(resolved);

    assertThat(result.code()).as(result.err()).isEqualTo(code);
    assertThat(result.err()).startsWith("btsnap: ").contains(message).endsWith("\n");
    assertThat(result.err().strip()).doesNotContain("\n");
    assertThat(result.out()).isEmpty();
    assertThat(StoreSnapshot.of(tmp.resolve("store"))).isEqualTo(before);
    assertThat(tmp.resolve("full/keep.txt")).hasContent("mine");
    assertThat(cli.run("ls", "--json").out()).contains(runId);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void stackTraceOnlyWhenAskedFor(String name, String[] args, int code, String message) {
    String[] resolved = Stream.of(args).map(a -> a.replace("{tmp}", tmp.toString())).toArray(String[]::new);
    assertThat(cli.run(resolved).err()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @org.junit.jupiter.api.Test
  void readingAStoreThatDoesNotExistFailsWithoutCreatingIt() {
    Cli other = new Cli(tmp.resolve("absent"));
    Cli.Result result = other.run("ls");
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).startsWith("btsnap: no btsnap store at");
    assertThat(tmp.resolve("absent")).doesNotExist();
  }

  @org.junit.jupiter.api.Test
  void aNonEmptyFolderThatIsNoStoreIsRefusedAndLeftAsItWas() throws Exception {
    Map<String, String> before = StoreSnapshot.of(tmp.resolve("proj"));
    Cli.Result result = Cli.runRaw("--store", tmp.resolve("proj").toString(), "capture", tmp.resolve("proj/s.py").toString());
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err().strip()).matches(java.util.regex.Pattern.quote("btsnap: " + tmp.resolve("proj"))
        + " is not a btsnap store and not empty \\(it holds (s\\.py|pyproject\\.toml)\\): pass --store with a new or empty"
        + " folder, or an existing store");
    assertThat(StoreSnapshot.of(tmp.resolve("proj"))).as("nothing scattered into the code").isEqualTo(before);

    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThat(Cli.runRaw("--store", empty.toString(), "capture", tmp.resolve("proj/s.py").toString()).code()).isZero();
  }

  @org.junit.jupiter.api.Test
  void aStorePathThatIsAFileGetsOneMessageFromEveryCommand() throws Exception {
    Path file = Files.writeString(tmp.resolve("store-file"), "x");
    String expected = "btsnap: store path " + file + " is a file, not a folder: pass --store with a folder";
    for (String[] args : new String[][] {
        {"capture", tmp.resolve("proj/s.py").toString()}, {"ls"}, {"show", "latest"}, {"store", "du"}, {"store", "verify"},
        {"store", "gc"}}) {
      String[] all = Stream.concat(Stream.of("--store", file.toString()), Stream.of(args)).toArray(String[]::new);
      Cli.Result result = Cli.runRaw(all);
      assertThat(result.code()).as(String.join(" ", args)).isEqualTo(1);
      assertThat(result.err().strip()).as(String.join(" ", args)).isEqualTo(expected);
    }
    assertThat(file).hasContent("x");
  }
}
