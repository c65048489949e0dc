package io.btsnap.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.btsnap.capture.SelectionException;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.store.model.CaptureMode;
import io.btsnap.store.model.RelativePath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StrategyFileTest {
  @TempDir Path tmp;
  Path root;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("proj"));
    write("my_strategy.py", "from utils import indicators\n");
    write("utils/__init__.py", "");
    write("utils/indicators.py", "x = 1\n");
    write("utils/scratch_test.py", "");
    write("config/params.json", "{\"rsi\": 14}\n");
    write("other.py", "");
  }

  private Path write(String path, String content) throws Exception {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  private FileSelection select(CaptureRequest request) throws Exception {
    return new FileSelector().select(request.withWorkingDir(root).selection());
  }

  private static List<String> paths(FileSelection selection) {
    return selection.files().stream().map(f -> f.path().value()).toList();
  }

  @Test
  void seedFormWorksVerbatimAndSelectsFilesMode() throws Exception {
    write("strategy.yaml", "files:\n  - my_strategy.py\n  - utils/indicators.py  # comments allowed\n  - config/params.json\n");
    FileSelection selection = select(CaptureRequest.of(root.resolve("my_strategy.py")));
    assertThat(selection.mode()).isEqualTo(CaptureMode.FILES);
    assertThat(paths(selection)).containsExactly("config/params.json", "my_strategy.py", "utils/indicators.py");
    assertThat(selection.entry()).map(RelativePath::value).contains("my_strategy.py");
    assertThat(selection.files()).filteredOn(f -> f.path().value().equals("config/params.json"))
        .singleElement().extracting(SelectedFile::reason).isEqualTo("listed in strategy.yaml:4");
  }

  @Test
  void strategyFileAloneNeedsNoEntry() throws Exception {
    write("strategy.yaml", "files:\n  - my_strategy.py\n  - other.py\n");
    FileSelection selection = select(CaptureRequest.withoutEntry());
    assertThat(paths(selection)).containsExactly("my_strategy.py", "other.py");
    assertThat(selection.entry()).as("no entry point: no listed file is called one").isEmpty();
    assertThat(selection.root()).isEqualTo(root.toRealPath());
  }

  @Test
  void globsAndExcludes() throws Exception {
    write("strategy.yaml", "files:\n  - '**/*.py'\n  - config/*.json\nexclude:\n  - utils/scratch_*.py\n");
    write(".venv/pyvenv.cfg", "home = /usr/bin\n"); // a virtualenv, whatever its name
    write(".venv/lib/site.py", "");
    write("__pycache__/x.py", "");
    assertThat(paths(select(CaptureRequest.withoutEntry())))
        .containsExactly("config/params.json", "my_strategy.py", "other.py", "utils/__init__.py", "utils/indicators.py");
  }

  @Test
  void importsModeAddsListedFilesToTheImportClosure() throws Exception {
    write("strategy.yaml", "mode: imports\nfiles:\n  - config/params.json\n");
    FileSelection selection = select(CaptureRequest.of(root.resolve("my_strategy.py")));
    assertThat(selection.mode()).isEqualTo(CaptureMode.IMPORTS);
    assertThat(paths(selection)).containsExactly("config/params.json", "my_strategy.py", "utils/__init__.py", "utils/indicators.py");
  }

  @Test
  void commandLineModeOverridesTheFile() throws Exception {
    write("strategy.yaml", "files:\n  - other.py\n");
    FileSelection selection = select(CaptureRequest.of(root.resolve("my_strategy.py")).withMode(CaptureMode.ENTRY));
    assertThat(paths(selection)).containsExactly("my_strategy.py");
  }

  @Test
  void globMatchingNothingIsAWarning() throws Exception {
    write("strategy.yaml", "files:\n  - my_strategy.py\n  - 'lib/*.pyx'\n");
    FileSelection selection = select(CaptureRequest.withoutEntry());
    assertThat(selection.warnings()).singleElement().asString().endsWith("strategy.yaml:3: 'lib/*.pyx' matches no file");
  }

  @Test
  void configOptionAndFileBesideTheEntryAreFound() throws Exception {
    write("strategies/strategy.yaml", "files:\n  - other.py\n");
    write("strategies/s.py", "");
    write("strategies/other.py", "");
    write("pyproject.toml", "");
    write("elsewhere/custom.yaml", "files:\n  - my_strategy.py\n");
    FileSelection beside = select(CaptureRequest.of(root.resolve("strategies/s.py")));
    assertThat(beside.root()).isEqualTo(root.resolve("strategies").toRealPath());
    assertThat(paths(beside)).containsExactly("other.py");
    assertThatThrownBy(() -> select(CaptureRequest.withoutEntry().withConfig(root.resolve("elsewhere/custom.yaml"))))
        .hasMessageContaining("custom.yaml:2: listed file not found");
    FileSelection viaConfig =
        select(CaptureRequest.withoutEntry().withConfig(root.resolve("elsewhere/custom.yaml")).withRoot(root));
    assertThat(paths(viaConfig)).containsExactly("my_strategy.py");
  }

  static Stream<Arguments> badFiles() {
    return Stream.of(
        Arguments.of("unknown key", "files:\n  - a.py\nfiels:\n  - b.py\n", "strategy.yaml:3: unknown key 'fiels' (known: files, exclude, mode)"),
        Arguments.of("missing listed file", "files:\n  - my_strategy.py\n  - config/missing.json\n", "strategy.yaml:3: listed file not found"),
        Arguments.of("parent path", "files:\n  - ../x.py\n", "strategy.yaml:2: path '../x.py' leaves the project root"),
        Arguments.of("absolute path", "files:\n  - /etc/passwd\n", "strategy.yaml:2: absolute path '/etc/passwd'"),
        Arguments.of("directory listed", "files:\n  - utils\n", "strategy.yaml:2: listed file is a directory"),
        Arguments.of("malformed yaml", "files:\n  - a.py\n - b.py\n", "strategy.yaml:3:"),
        Arguments.of("not a mapping", "- a.py\n", "strategy.yaml:1: expected a mapping"),
        Arguments.of("empty file", "", "empty; expected a mapping"),
        Arguments.of("no files list", "exclude:\n  - a.py\n", "no files: list"),
        Arguments.of("files not a list", "files: a.py\n", "files: expected a list of paths"),
        Arguments.of("bad mode", "mode: everything\nfiles: []\n", "strategy.yaml:1: mode: unknown capture mode 'everything'"),
        Arguments.of("java class tag", "files: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]]\n",
            "strategy.yaml:1: Global tag is not allowed: tag:yaml.org,2002:javax.script.ScriptEngineManager"),
        Arguments.of("custom tag", "files:\n  - !evil a.py\n", "strategy.yaml:2: tag !evil is not allowed"),
        Arguments.of("duplicate key", "files:\n  - a.py\nfiles:\n  - b.py\n", "strategy.yaml:3: duplicate key 'files'"),
        Arguments.of("alias bomb", aliasBomb(), "Number of aliases for non-scalar nodes exceeds the specified max"));
  }

  private static String aliasBomb() {
    StringBuilder y = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'j'; c++) {
      y.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        y.append(i > 0 ? "," : "").append('*').append(prev);
      }
      y.append("]\n");
      prev = c;
    }
    return y.toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void badStrategyFileIsOneClearLine(String name, String content, String message) throws Exception {
    write("strategy.yaml", content);
    assertThatThrownBy(() -> select(CaptureRequest.withoutEntry()))
        .isInstanceOf(SelectionException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void symlinkLeavingTheRootIsRefused() throws Exception {
    Path outside = Files.writeString(tmp.resolve("secret.txt"), "x");
    Files.createSymbolicLink(root.resolve("link.txt"), outside);
    write("strategy.yaml", "files:\n  - link.txt\n");
    assertThatThrownBy(() -> select(CaptureRequest.withoutEntry()))
        .hasMessageContaining("strategy.yaml:2: listed file")
        .hasMessageContaining("is outside the project root");
    write("strategy.yaml", "files:\n  - '*.txt'\n");
    assertThatThrownBy(() -> select(CaptureRequest.withoutEntry())).hasMessageContaining("is outside the project root");
  }

  @Test
  void fifoIsRefused() throws Exception {
    Path fifo = root.resolve("pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo not available");
    write("strategy.yaml", "files:\n  - pipe\n");
    assertThatThrownBy(() -> select(CaptureRequest.withoutEntry())).hasMessageContaining("strategy.yaml:2: listed file is not a regular file");
  }
}
