package io.btsnap.capture.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Import forms and package layouts, each with the exact set of files Python would run. */
class ImportAnalyzerTest {
  @TempDir Path tmp;

  private static Map<String, Object> files(Object... pathsAndContents) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      map.put((String) pathsAndContents[i], pathsAndContents[i + 1]);
    }
    return map;
  }

  private static Arguments layout(String name, Map<String, Object> files, String entry, Set<String> expected, List<String> unresolved) {
    return Arguments.of(name, files, entry, expected, unresolved);
  }

  static Stream<Arguments> layouts() {
    return Stream.of(
        layout("absolute import of a sibling module",
            files("main.py", "import helper\n", "helper.py", "x = 1\n", "unused.py", ""),
            "main.py", Set.of("main.py", "helper.py"), List.of()),
        layout("import a.b as c, d",
            files("main.py", "import pkg.b as c, d\n", "pkg/__init__.py", "", "pkg/b.py", "", "d.py", ""),
            "main.py", Set.of("main.py", "pkg/__init__.py", "pkg/b.py", "d.py"), List.of()),
        layout("import a.b.c runs every package __init__",
            files("main.py", "import a.b.c\n", "a/__init__.py", "", "a/b/__init__.py", "", "a/b/c.py", "", "a/b/other.py", ""),
            "main.py", Set.of("main.py", "a/__init__.py", "a/b/__init__.py", "a/b/c.py"), List.of()),
        layout("from package import submodule and attribute",
            files("main.py", "from pkg import sub, func\n", "pkg/__init__.py", "def func(): pass\n", "pkg/sub.py", "", "pkg/func2.py", ""),
            "main.py", Set.of("main.py", "pkg/__init__.py", "pkg/sub.py"), List.of()),
        layout("from package import star takes the package only",
            files("main.py", "from pkg import *\n", "pkg/__init__.py", "", "pkg/sub.py", ""),
            "main.py", Set.of("main.py", "pkg/__init__.py"), List.of()),
        layout("entry inside a package runs as a module with relative imports",
            files("app/__init__.py", "", "app/main.py", "from . import util\nfrom .sub import x\n",
                "app/util.py", "", "app/sub/__init__.py", "", "app/sub/x.py", "", "app/sub/y.py", ""),
            "app/main.py", Set.of("app/__init__.py", "app/main.py", "app/util.py", "app/sub/__init__.py", "app/sub/x.py"), List.of()),
        layout("from ..pkg import y climbs one package",
            files("app/__init__.py", "", "app/a/__init__.py", "", "app/a/main.py", "from ..pkg import y\n",
                "app/pkg/__init__.py", "", "app/pkg/y.py", ""),
            "app/a/main.py", Set.of("app/__init__.py", "app/a/__init__.py", "app/a/main.py", "app/pkg/__init__.py", "app/pkg/y.py"), List.of()),
        layout("absolute import in a module run never finds a sibling",
            files("app/__init__.py", "", "app/main.py", "import util\n", "app/util.py", ""),
            "app/main.py", Set.of("app/__init__.py", "app/main.py"), List.of()),
        layout("relative import inside an imported package module",
            files("main.py", "import utils.signals\n", "utils/__init__.py", "", "utils/signals.py", "from .risk import size\n", "utils/risk.py", "size = 1\n"),
            "main.py", Set.of("main.py", "utils/__init__.py", "utils/signals.py", "utils/risk.py"), List.of()),
        layout("parenthesised names over lines and backslash continuations",
            files("main.py", "from pkg import (a,\n    b as bee,\n)\nimport c, \\\n    d\n",
                "pkg/__init__.py", "", "pkg/a.py", "", "pkg/b.py", "", "c.py", "", "d.py", ""),
            "main.py", Set.of("main.py", "pkg/__init__.py", "pkg/a.py", "pkg/b.py", "c.py", "d.py"), List.of()),
        layout("semicolon-separated statements",
            files("main.py", "x = 1; import a; from b import c\n", "a.py", "", "b.py", "c = 1\n"),
            "main.py", Set.of("main.py", "a.py", "b.py"), List.of()),
        layout("imports inside functions, if and try blocks",
            files("main.py", "def f():\n    import lazy\nif True: import cond\ntry:\n    import fast\nexcept ImportError:\n    import slow\nclass K:\n    from deep import thing\n",
                "lazy.py", "", "cond.py", "", "fast.py", "", "slow.py", "", "deep.py", "thing = 1\n"),
            "main.py", Set.of("main.py", "lazy.py", "cond.py", "fast.py", "slow.py", "deep.py"), List.of()),
        layout("imports in comments, strings and docstrings are ignored",
            files("main.py", "\"\"\"Docs.\nimport fake1\n\"\"\"\n# import fake2\ns = 'import fake3'\nt = r'''\nfrom fake4 import x\n'''\nu = f\"import fake5 {1}\"\nimport real\n",
                "fake1.py", "", "fake2.py", "", "fake3.py", "", "fake4.py", "", "fake5.py", "", "real.py", ""),
            "main.py", Set.of("main.py", "real.py"), List.of()),
        layout("a local module shadows a stdlib name, but not a built-in one",
            files("main.py", "import json\nimport sys\nimport os\n", "json.py", "", "sys.py", "", "os.py", ""),
            "main.py", Set.of("main.py", "json.py"), List.of()),
        layout("stdlib and third-party imports are not captured or reported",
            files("main.py", "import os.path, collections.abc\nimport numpy as np\nfrom pandas import DataFrame\n"),
            "main.py", Set.of("main.py"), List.of()),
        layout("a folder without __init__ is a namespace package",
            files("main.py", "import ns.mod\n", "ns/mod.py", ""),
            "main.py", Set.of("main.py", "ns/mod.py"), List.of()),
        layout("a folder named like a stdlib package is not a namespace package",
            files("main.py", "import email.mine\n", "email/mine.py", ""),
            "main.py", Set.of("main.py"), List.of()),
        layout("circular imports end",
            files("main.py", "import a\n", "a.py", "import b\n", "b.py", "import a\nimport main\n"),
            "main.py", Set.of("main.py", "a.py", "b.py"), List.of()),
        layout("script folder first on the path, then the root",
            files("strategies/s.py", "import common\nimport shared\n", "strategies/common.py", "", "shared.py", "", "common.py", ""),
            "strategies/s.py", Set.of("strategies/s.py", "strategies/common.py", "shared.py"), List.of()),
        layout("a syntax error in an imported file still lets the rest be scanned",
            files("main.py", "import broken\n", "broken.py", "def f(:\n    pass\nimport (\nimport deep\nx = 'unterminated\nimport deeper\n",
                "deep.py", "", "deeper.py", ""),
            "main.py", Set.of("main.py", "broken.py", "deep.py", "deeper.py"), List.of()),
        layout("unresolved local-looking imports are reported",
            files("main.py", "from . import x\nimport pkg.missing\nfrom pkg import maybe_attr\n", "pkg/__init__.py", ""),
            "main.py", Set.of("main.py", "pkg/__init__.py"),
            List.of("main.py:1: from . import x", "main.py:2: import pkg.missing")),
        layout("cp1252 and UTF-8 sources with non-ASCII text",
            files("main.py", "# naïve café ü\nimport latin\nimport broken_utf8\n",
                "latin.py", new Encoded("# -*- coding: cp1252 -*-\n# café – “quoted”\nimport helper\n", Charset.forName("windows-1252")),
                "broken_utf8.py", new byte[] {'#', ' ', (byte) 0xff, (byte) 0xfe, '\n', 'i', 'm', 'p', 'o', 'r', 't', ' ', 'h', '2', '\n'},
                "helper.py", "", "h2.py", ""),
            "main.py", Set.of("main.py", "latin.py", "broken_utf8.py", "helper.py", "h2.py"), List.of()));
  }

  record Encoded(String text, Charset charset) {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void findsExactlyTheFilesPythonRuns(String name, Map<String, Object> files, String entry, Set<String> expected, List<String> unresolved)
      throws Exception {
    Path root = tmp.resolve("root");
    for (Map.Entry<String, Object> f : files.entrySet()) {
      Path file = root.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Object content = f.getValue();
      if (content instanceof String s) {
        Files.writeString(file, s, StandardCharsets.UTF_8);
      } else if (content instanceof Encoded e) {
        Files.write(file, e.text().getBytes(e.charset()));
      } else {
        Files.write(file, (byte[]) content);
      }
    }
    Path realRoot = root.toRealPath();
    ImportGraph graph = new ImportAnalyzer(realRoot).analyze(realRoot.resolve(entry));
    Set<String> found = graph.files().keySet().stream().map(p -> realRoot.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
    assertThat(found).isEqualTo(new TreeSet<>(expected));
    assertThat(graph.unresolved()).extracting(u -> u.file() + ":" + u.line() + ": " + u.statement())
        .containsExactlyElementsOf(unresolved);
  }

  @Test
  void symlinkedModulesCountOnlyWhenTheyStayUnderTheRoot() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("ext.py"), "");
    Files.createDirectories(outside.resolve("extpkg"));
    Files.writeString(outside.resolve("extpkg/__init__.py"), "");
    Files.createDirectories(root.resolve("lib"));
    Files.writeString(root.resolve("lib/real.py"), "");
    Files.createSymbolicLink(root.resolve("ext.py"), outside.resolve("ext.py"));
    Files.createSymbolicLink(root.resolve("extpkg"), outside.resolve("extpkg"));
    Files.createSymbolicLink(root.resolve("alias.py"), root.resolve("lib/real.py"));
    Files.writeString(root.resolve("main.py"), "import ext, extpkg, alias\n");
    Path realRoot = root.toRealPath();
    ImportGraph graph = new ImportAnalyzer(realRoot).analyze(realRoot.resolve("main.py"));
    assertThat(graph.files().keySet()).containsExactlyInAnyOrder(realRoot.resolve("main.py"), realRoot.resolve("lib/real.py"));
  }

  @Test
  void theExampleStrategyImportsItsFiveModulesAndTwoPackages() throws Exception {
    Path root = Path.of("../examples/rsi_bb").toRealPath();
    ImportGraph graph = new ImportAnalyzer(root).analyze(root.resolve("rsi_bb_strategy.py"));
    Map<String, String> byPath = new LinkedHashMap<>();
    graph.files().forEach((p, why) -> byPath.put(root.relativize(p).toString(), why));
    assertThat(byPath.keySet()).containsExactlyInAnyOrder(
        "rsi_bb_strategy.py", "indicators/__init__.py", "indicators/rsi.py", "indicators/bollinger.py",
        "utils/__init__.py", "utils/risk.py", "utils/signals.py");
    assertThat(byPath).containsEntry("rsi_bb_strategy.py", "entry point")
        .containsEntry("utils/risk.py", "rsi_bb_strategy.py → utils/risk.py")
        .containsEntry("indicators/bollinger.py", "rsi_bb_strategy.py → utils/signals.py → indicators/bollinger.py");
    assertThat(graph.unresolved()).isEmpty();
  }
}
