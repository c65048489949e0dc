package io.btsnap.capture.python;

import io.btsnap.capture.python.PythonToken.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the import statements of Python source: at module level and inside functions, classes,
 * {@code if} and {@code try} blocks, after {@code ;} or a compound statement's {@code :}. Comments
 * and strings never count. A malformed statement is skipped and scanning goes on.
 */
public final class ImportScanner {
  private final List<PythonToken> tokens;
  private int pos;
  private final List<ImportStatement> found = new ArrayList<>();

  private ImportScanner(List<PythonToken> tokens) {
    this.tokens = tokens;
  }

  /** Returns the imports of {@code source}, in source order. */
  public static List<ImportStatement> scan(String source) {
    ImportScanner scanner = new ImportScanner(PythonTokenizer.tokenize(source));
    scanner.run();
    return scanner.found;
  }

  private void run() {
    while (pos < tokens.size()) {
      PythonToken t = tokens.get(pos);
      boolean start = atStatementStart();
      pos++;
      try {
        if (t.isName("import") && start) {
          parseImport(t.line());
        } else if (t.isName("from") && start) {
          parseFrom(t.line());
        }
      } catch (Malformed e) {
        skipStatement();
      }
    }
  }

  private boolean atStatementStart() {
    if (pos == 0) {
      return true;
    }
    PythonToken prev = tokens.get(pos - 1);
    return prev.kind() == Kind.NEWLINE || prev.isOp(";") || prev.isOp(":");
  }

  /** {@code import a.b as c, d}. */
  private void parseImport(int line) {
    do {
      String module = dottedName();
      if (module.isEmpty()) {
        throw new Malformed();
      }
      skipAlias();
      found.add(new ImportStatement(0, module, List.of(), line));
    } while (acceptOp(","));
    expectEnd();
  }

  /** {@code from ..a.b import (c as d, e)} or {@code from . import *}. */
  private void parseFrom(int line) {
    int level = 0;
    while (peek() != null && peek().isOp(".")) {
      level++;
      pos++;
    }
    String module = dottedName();
    if (level == 0 && module.isEmpty()) {
      throw new Malformed();
    }
    if (peek() == null || !peek().isName("import")) {
      throw new Malformed();
    }
    pos++;
    List<String> names = new ArrayList<>();
    if (acceptOp("*")) {
      names.add("*");
    } else {
      boolean parenthesised = acceptOp("(");
      do {
        if (parenthesised && peek() != null && peek().isOp(")")) {
          break; // trailing comma
        }
        PythonToken name = next();
        if (name == null || name.kind() != Kind.NAME) {
          throw new Malformed();
        }
        names.add(name.text());
        skipAlias();
      } while (acceptOp(","));
      if (parenthesised && !acceptOp(")")) {
        throw new Malformed();
      }
    }
    found.add(new ImportStatement(level, module, names, line));
    expectEnd();
  }

  private String dottedName() {
    StringBuilder name = new StringBuilder();
    while (peek() != null && peek().kind() == Kind.NAME && !peek().isName("import")) {
      name.append(next().text());
      if (peek() != null && peek().isOp(".")) {
        name.append('.');
        pos++;
      } else {
        break;
      }
    }
    if (name.length() > 0 && name.charAt(name.length() - 1) == '.') {
      throw new Malformed();
    }
    return name.toString();
  }

  private void skipAlias() {
    if (peek() != null && peek().isName("as")) {
      pos++;
      PythonToken alias = next();
      if (alias == null || alias.kind() != Kind.NAME) {
        throw new Malformed();
      }
    }
  }

  private void expectEnd() {
    PythonToken t = peek();
    if (t != null && t.kind() != Kind.NEWLINE && !t.isOp(";")) {
      throw new Malformed();
    }
  }

  private boolean acceptOp(String op) {
    if (peek() != null && peek().isOp(op)) {
      pos++;
      return true;
    }
    return false;
  }

  private PythonToken peek() {
    return pos < tokens.size() ? tokens.get(pos) : null;
  }

  private PythonToken next() {
    return pos < tokens.size() ? tokens.get(pos++) : null;
  }

  private void skipStatement() {
    while (pos < tokens.size() && tokens.get(pos).kind() != Kind.NEWLINE && !tokens.get(pos).isOp(";")) {
      pos++;
    }
  }

  /** Ends the parse of one malformed statement. */
  private static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed() {
      super(null, null, false, false);
    }
  }
}
