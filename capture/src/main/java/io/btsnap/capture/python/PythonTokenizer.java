package io.btsnap.capture.python;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Python source into tokens the way Python's tokenizer does for the parts that matter to
 * imports: comments are dropped; string literals (any prefix, single or triple quoted, raw or
 * not) become one token, so text inside them is never read as code; newlines inside brackets or
 * after a backslash do not end a logical line. Broken source (an unterminated string, a stray
 * character) is tokenized as far as possible rather than rejected.
 */
final class PythonTokenizer {
  private final String src;
  private int pos;
  private int line = 1;
  private int depth;
  private boolean physicalLineStart = true;
  private final List<PythonToken> tokens = new ArrayList<>();

  private PythonTokenizer(String src) {
    this.src = src;
  }

  static List<PythonToken> tokenize(String source) {
    PythonTokenizer t = new PythonTokenizer(source);
    t.run();
    return t.tokens;
  }

  private void run() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '\n') {
        newline();
        pos++;
        line++;
        physicalLineStart = true;
        continue;
      } else if (c == '\r') {
        pos++;
      } else if (c == '#') {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          pos++;
        }
      } else if (c == '\\' && pos + 1 < src.length() && (src.charAt(pos + 1) == '\n' || src.charAt(pos + 1) == '\r')) {
        // Explicit line joining: skip the backslash and the line break.
        pos++;
        if (src.charAt(pos) == '\r') {
          pos++;
        }
        if (pos < src.length() && src.charAt(pos) == '\n') {
          pos++;
          line++;
        }
      } else if (Character.isWhitespace(c)) {
        pos++;
        continue;
      } else if (c == '"' || c == '\'') {
        string(pos, false);
      } else if (isNameStart(c)) {
        int start = pos;
        while (pos < src.length() && isNamePart(src.charAt(pos))) {
          pos++;
        }
        String word = src.substring(start, pos);
        if (physicalLineStart && depth > 0 && (word.equals("import") || word.equals("from"))) {
          // Only an unclosed bracket (a syntax error) can put a statement keyword first on a
          // line inside brackets; recover by ending the broken statement there.
          depth = 0;
          newline();
        }
        if (pos < src.length() && (src.charAt(pos) == '"' || src.charAt(pos) == '\'') && isStringPrefix(word)) {
          string(start, word.toLowerCase().contains("r"));
        } else {
          add(PythonToken.Kind.NAME, word);
        }
      } else if (Character.isDigit(c)) {
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_'
            || (src.charAt(pos) == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))))) {
          pos++;
        }
        add(PythonToken.Kind.NUMBER, src.substring(start, pos));
      } else {
        if (c == '(' || c == '[' || c == '{') {
          depth++;
        } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
          depth--;
        }
        add(PythonToken.Kind.OP, String.valueOf(c));
        pos++;
      }
      physicalLineStart = false;
    }
    newline();
  }

  private void newline() {
    if (depth == 0 && !tokens.isEmpty() && tokens.get(tokens.size() - 1).kind() != PythonToken.Kind.NEWLINE) {
      tokens.add(new PythonToken(PythonToken.Kind.NEWLINE, "\n", line));
    }
  }

  /** Consumes a string literal whose prefix starts at {@code start} and quote at {@code pos}. */
  private void string(int start, boolean raw) {
    int startLine = line;
    char quote = src.charAt(pos);
    boolean triple = src.startsWith(String.valueOf(quote).repeat(3), pos);
    pos += triple ? 3 : 1;
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '\\') {
        // Even in raw strings a backslash keeps the next quote from ending the literal.
        if (pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
          line++;
        }
        pos += 2;
        continue;
      }
      if (c == '\n') {
        if (!triple) {
          break; // unterminated: Python reports an error; we end the string at the line end
        }
        line++;
      }
      if (c == quote && (!triple || src.startsWith(String.valueOf(quote).repeat(3), pos))) {
        pos += triple ? 3 : 1;
        tokens.add(new PythonToken(PythonToken.Kind.STRING, "<string>", startLine));
        return;
      }
      pos++;
    }
    tokens.add(new PythonToken(PythonToken.Kind.STRING, "<string>", startLine));
  }

  private void add(PythonToken.Kind kind, String text) {
    tokens.add(new PythonToken(kind, text, line));
  }

  private static boolean isStringPrefix(String word) {
    String w = word.toLowerCase();
    return w.equals("r") || w.equals("u") || w.equals("b") || w.equals("f") || w.equals("br")
        || w.equals("rb") || w.equals("fr") || w.equals("rf");
  }

  private static boolean isNameStart(char c) {
    return c == '_' || Character.isLetter(c);
  }

  private static boolean isNamePart(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }
}
