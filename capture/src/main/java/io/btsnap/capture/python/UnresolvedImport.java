package io.btsnap.capture.python;

/**
 * A local-looking import that resolves to no file: a relative import, or an absolute one whose
 * top-level package is local but whose submodule is missing.
 *
 * @param file the importing file, relative to the root
 * @param line the statement's line
 * @param statement the statement, as Python source
 * @param why what could not be found
 */
public record UnresolvedImport(String file, int line, String statement, String why) {
  /** Returns one line naming file, line and statement. */
  public String describe() {
    return file + ":" + line + ": " + statement + " (" + why + ")";
  }
}
