package io.btsnap.capture.python;

import java.util.List;

/**
 * One imported module as a statement names it: {@code import a.b} gives module {@code a.b};
 * {@code from ..pkg import x, y} gives level 2, module {@code pkg}, names {@code x, y}.
 *
 * @param level the number of leading dots (0 for an absolute import)
 * @param module the dotted module name after the dots; empty for {@code from . import x}
 * @param names the names of a {@code from} import (empty for {@code import a.b}); {@code *} kept
 * @param line the 1-based line of the statement
 */
public record ImportStatement(int level, String module, List<String> names, int line) {
  /** Makes the names immutable. */
  public ImportStatement {
    names = List.copyOf(names);
  }

  /** Returns the statement as Python source, for messages. */
  public String text() {
    String dots = ".".repeat(level);
    if (names.isEmpty()) {
      return "import " + module;
    }
    return "from " + dots + module + " import " + String.join(", ", names);
  }
}
