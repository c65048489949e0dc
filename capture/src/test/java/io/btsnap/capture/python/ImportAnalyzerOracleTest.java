package io.btsnap.capture.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the analyzer against CPython itself: each layout that runs cleanly is executed by
 * {@code python3}, and the local files in {@code sys.modules} at exit must all be in the
 * analyzer's set. Where every import runs unconditionally the sets must be equal.
 */
class ImportAnalyzerOracleTest {
  /** Layouts whose imports Python can't run in full: never called functions, missing modules, broken files. */
  private static final Set<String> NOT_RUNNABLE = Set.of(
      "stdlib and third-party imports are not captured or reported",
      "a syntax error in an imported file still lets the rest be scanned",
      "unresolved local-looking imports are reported",
      "cp1252 and UTF-8 sources with non-ASCII text",
      "a folder named like a stdlib package is not a namespace package",
      "absolute import in a module run never finds a sibling");
  /** Layouts where the analyzer takes more than one run of Python imports, by design. */
  private static final Set<String> SUPERSET = Set.of(
      "imports inside functions, if and try blocks",
      "from package import submodule and attribute");

  private static final String HOOK = String.join("\n",
      "import atexit, os, sys",
      "def _report():",
      "    root = os.path.realpath(os.environ['ORACLE_ROOT'])",
      "    with open(os.environ['ORACLE_OUT'], 'w') as out:",
      "        for m in list(sys.modules.values()):",
      "            f = getattr(m, '__file__', None)",
      "            if f and os.path.realpath(f).startswith(root + os.sep):",
      "                out.write(os.path.relpath(os.path.realpath(f), root) + '\\n')",
      "atexit.register(_report)",
      "");

  @TempDir Path tmp;

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> layouts() {
    return ImportAnalyzerTest.layouts().filter(a -> !NOT_RUNNABLE.contains((String) a.get()[0]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void analyzerCoversWhatPythonImports(String name, Map<String, Object> files, String entry, Set<String> expected, List<String> unresolved)
      throws Exception {
    assumeTrue(python3Works(), "python3 is not installed");
    Path root = tmp.resolve("root");
    for (Map.Entry<String, Object> f : files.entrySet()) {
      Path file = root.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, (String) f.getValue(), StandardCharsets.UTF_8);
    }
    Path hook = Files.createDirectories(tmp.resolve("hook"));
    Files.writeString(hook.resolve("sitecustomize.py"), HOOK);
    Path out = tmp.resolve("modules.txt");
    boolean asModule = Files.exists(root.resolve(entry).getParent().resolve("__init__.py"));
    List<String> command = asModule
        ? List.of("python3", "-m", entry.substring(0, entry.length() - 3).replace('/', '.'))
        : List.of("python3", entry);
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
    // The hook folder first, then the root, as btsnap assumes for scripts: PYTHONPATH comes
    // after the script's folder and before the standard library.
    builder.environment().put("PYTHONPATH", hook + ":" + root);
    builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    builder.environment().put("ORACLE_ROOT", root.toString());
    builder.environment().put("ORACLE_OUT", out.toString());
    Process p = builder.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(log).isZero();

    Set<String> pythonRan = new TreeSet<>(Files.readAllLines(out));
    pythonRan.add(entry); // __main__ has a __file__ too, but add it in case it was replaced
    Path realRoot = root.toRealPath();
    Set<String> analyzed = new ImportAnalyzer(realRoot).analyze(realRoot.resolve(entry)).files().keySet().stream()
        .map(f -> realRoot.relativize(f).toString()).collect(Collectors.toCollection(TreeSet::new));
    if (SUPERSET.contains(name)) {
      assertThat(analyzed).containsAll(pythonRan);
    } else {
      assertThat(analyzed).isEqualTo(pythonRan);
    }
  }

  private static boolean python3Works() {
    try {
      return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
