package io.btsnap.capture;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One line of a {@code .gitignore} (or {@code .btsnapignore}), with git's meaning: {@code !}
 * negates, a trailing {@code /} matches folders only, a pattern with a {@code /} before its end is
 * anchored to its file's folder and otherwise matches a name at any depth; {@code *}, {@code ?}
 * and {@code [...]} do not match {@code /}; {@code **} between slashes matches any number of
 * folders; a backslash quotes the next character.
 *
 * @param base the folder of the file that holds it, relative to the work tree ("" at the top)
 * @param regex what it matches: a name, or a path relative to {@code base}
 * @param negated whether it re-includes what it matches
 * @param folderOnly whether it matches folders only
 * @param nameOnly whether it matches the last name of a path, at any depth
 * @param source where it comes from, e.g. {@code .gitignore:3 (*.log)}
 */
record IgnorePattern(String base, Pattern regex, boolean negated, boolean folderOnly, boolean nameOnly, String source) {

  /** Parses {@code line}; empty for blank lines and comments. */
  static Optional<IgnorePattern> parse(String line, String base, String where) {
    String text = stripTrailingSpaces(line);
    if (text.isEmpty() || text.startsWith("#")) {
      return Optional.empty();
    }
    boolean negated = text.startsWith("!");
    if (negated) {
      text = text.substring(1);
    }
    boolean folderOnly = text.endsWith("/") && !text.endsWith("\\/");
    if (folderOnly) {
      text = text.substring(0, text.length() - 1);
    }
    boolean nameOnly = text.indexOf('/') < 0;
    if (text.startsWith("/")) {
      text = text.substring(1);
    }
    if (text.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new IgnorePattern(
        base, Pattern.compile(toRegex(text)), negated, folderOnly, nameOnly, where + " (" + line.strip() + ")"));
  }

  /** Whether this pattern matches {@code path}, relative to the work tree. */
  boolean matches(String path, boolean folder) {
    if (folderOnly && !folder) {
      return false;
    }
    String relative;
    if (base.isEmpty()) {
      relative = path;
    } else if (path.startsWith(base + "/")) {
      relative = path.substring(base.length() + 1);
    } else {
      return false;
    }
    String subject = nameOnly ? relative.substring(relative.lastIndexOf('/') + 1) : relative;
    return regex.matcher(subject).matches();
  }

  /** Trailing spaces are dropped unless a backslash quotes them. */
  private static String stripTrailingSpaces(String line) {
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) == ' ' && !(end > 1 && line.charAt(end - 2) == '\\')) {
      end--;
    }
    return line.substring(0, end);
  }

  private static String toRegex(String glob) {
    StringBuilder re = new StringBuilder();
    int i = 0;
    int n = glob.length();
    while (i < n) {
      char c = glob.charAt(i);
      boolean segmentStart = i == 0 || glob.charAt(i - 1) == '/';
      if (c == '*' && i + 1 < n && glob.charAt(i + 1) == '*' && segmentStart && (i + 2 == n || glob.charAt(i + 2) == '/')) {
        if (i + 2 == n) {
          re.append(".*"); // "a/**": everything inside
          i += 2;
        } else {
          re.append("(?:.*/)?"); // "**/" : any number of folders, none included
          i += 3;
        }
      } else if (c == '*') {
        re.append("[^/]*");
        i++;
      } else if (c == '?') {
        re.append("[^/]");
        i++;
      } else if (c == '[') {
        int close = classEnd(glob, i);
        if (close < 0) {
          re.append("\\[");
          i++;
        } else {
          re.append(charClass(glob.substring(i + 1, close)));
          i = close + 1;
        }
      } else if (c == '\\' && i + 1 < n) {
        re.append(Pattern.quote(String.valueOf(glob.charAt(i + 1))));
        i += 2;
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
        i++;
      }
    }
    return re.toString();
  }

  /** Returns the index of the {@code ]} that closes the class opened at {@code open}, or -1. */
  private static int classEnd(String glob, int open) {
    int i = open + 1;
    if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
      i++;
    }
    if (i < glob.length() && glob.charAt(i) == ']') {
      i++; // a ']' first is a member
    }
    while (i < glob.length() && glob.charAt(i) != ']') {
      i++;
    }
    return i < glob.length() ? i : -1;
  }

  private static String charClass(String body) {
    StringBuilder re = new StringBuilder("[");
    int i = 0;
    if (!body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^')) {
      re.append('^');
      i++;
    }
    for (; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '-' && i > 0 && i + 1 < body.length()) {
        re.append('-');
      } else {
        re.append(c == '\\' || c == '[' || c == ']' || c == '^' || c == '&' || c == '-' ? "\\" + c : String.valueOf(c));
      }
    }
    if (re.charAt(re.length() - 1) == '[' || re.toString().equals("[^")) {
      return "(?!)";
    }
    return re.append("&&[^/]]").toString();
  }
}
