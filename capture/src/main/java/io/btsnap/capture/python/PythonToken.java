package io.btsnap.capture.python;

/**
 * A token of Python source, as far as import scanning needs: names, operators, strings and the
 * ends of logical lines.
 *
 * @param kind what the token is
 * @param text its text (for strings, only a placeholder: their content never matters)
 * @param line its 1-based line number
 */
record PythonToken(Kind kind, String text, int line) {

  /** Token kinds. */
  enum Kind {
    NAME,
    OP,
    STRING,
    NUMBER,
    /** The end of a logical line (not inside brackets, not after a backslash). */
    NEWLINE
  }

  boolean is(Kind k, String t) {
    return kind == k && text.equals(t);
  }

  boolean isOp(String t) {
    return is(Kind.OP, t);
  }

  boolean isName(String t) {
    return is(Kind.NAME, t);
  }
}
