package io.btsnap.diff;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Unified diffs of text files, as {@code diff -u} prints them, from Myers' O((N+M)D) algorithm in
 * linear space.
 * Files that are not UTF-8 text, or whose edit script would be huge, are reported in one line.
 */
public final class UnifiedDiff {
  private static final int CONTEXT = 3;
  // Past this many edits the time grows as D*(N+M) and the patch is no longer read by anyone;
  // say "differ" instead. Memory does not depend on it.
  private static final int MAX_EDITS = 20_000;

  private enum Op {
    EQUAL,
    DELETE,
    INSERT
  }

  private record Edit(Op op, int a, int b) {}

  private UnifiedDiff() {}

  /** Returns the patch from {@code before} to {@code after}; either may be null (absent). */
  public static String patch(String path, byte[] before, byte[] after) {
    String fromName = before == null ? "/dev/null" : "a/" + path;
    String toName = after == null ? "/dev/null" : "b/" + path;
    List<String> a = lines(before);
    List<String> b = lines(after);
    if ((before != null && a == null) || (after != null && b == null)) {
      return "Binary files " + fromName + " and " + toName + " differ\n";
    }
    List<Edit> script = editScript(a == null ? List.of() : a, b == null ? List.of() : b);
    if (script == null) {
      return "Files " + fromName + " and " + toName + " differ (too many changes to show)\n";
    }
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(fromName).append('\n').append("+++ ").append(toName).append('\n');
    appendHunks(out, script, a == null ? List.of() : a, b == null ? List.of() : b);
    return out.toString();
  }

  /** Splits UTF-8 text into lines that keep their '\n'; null when the bytes are not text. */
  private static List<String> lines(byte[] content) {
    if (content == null) {
      return null;
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    if (text.indexOf('\0') >= 0) {
      return null;
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }

  /**
   * Returns the shortest edit script from {@code a} to {@code b}, or null past {@link
   * #MAX_EDITS}. Linear-space Myers (divide and conquer on the middle snake): memory grows with
   * the files' length, not with the number of edits, so a large data file changed in thousands
   * of places costs megabytes, not gigabytes.
   */
  private static List<Edit> editScript(List<String> a, List<String> b) {
    java.util.Map<String, Integer> ids = new java.util.HashMap<>();
    int[] x = intern(a, ids);
    int[] y = intern(b, ids);
    List<Edit> script = new ArrayList<>(Math.max(x.length, y.length));
    return diff(x, 0, x.length, y, 0, y.length, script) ? script : null;
  }

  private static int[] intern(List<String> lines, java.util.Map<String, Integer> ids) {
    int[] out = new int[lines.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ids.computeIfAbsent(lines.get(i), k -> ids.size());
    }
    return out;
  }

  /** Appends the edits from a[aLo, aHi) to b[bLo, bHi); false when they exceed the limit. */
  private static boolean diff(int[] a, int aLo, int aHi, int[] b, int bLo, int bHi, List<Edit> out) {
    while (aLo < aHi && bLo < bHi && a[aLo] == b[bLo]) {
      out.add(new Edit(Op.EQUAL, aLo++, bLo++));
    }
    int suffix = 0;
    while (aLo < aHi - suffix && bLo < bHi - suffix && a[aHi - 1 - suffix] == b[bHi - 1 - suffix]) {
      suffix++;
    }
    int aEnd = aHi - suffix;
    int bEnd = bHi - suffix;
    if (aLo == aEnd) {
      for (int j = bLo; j < bEnd; j++) {
        out.add(new Edit(Op.INSERT, aLo, j));
      }
    } else if (bLo == bEnd) {
      for (int i = aLo; i < aEnd; i++) {
        out.add(new Edit(Op.DELETE, i, bLo));
      }
    } else {
      int[] snake = middleSnake(a, aLo, aEnd, b, bLo, bEnd);
      if (snake == null || !diff(a, aLo, snake[0], b, bLo, snake[1], out)) {
        return false;
      }
      for (int i = snake[0], j = snake[1]; i < snake[2]; i++, j++) {
        out.add(new Edit(Op.EQUAL, i, j));
      }
      if (!diff(a, snake[2], aEnd, b, snake[3], bEnd, out)) {
        return false;
      }
    }
    for (int s = 0; s < suffix; s++) {
      out.add(new Edit(Op.EQUAL, aEnd + s, bEnd + s));
    }
    return true;
  }

  /**
   * Finds the middle snake of a shortest path (Myers 1986, section 4b): searching from both
   * corners at once, returns {x, y, u, v}, the snake from (x, y) to (u, v) where the searches
   * meet; null when the path needs more than {@link #MAX_EDITS} edits.
   */
  private static int[] middleSnake(int[] a, int aLo, int aHi, int[] b, int bLo, int bHi) {
    int n = aHi - aLo;
    int m = bHi - bLo;
    int delta = n - m;
    boolean odd = (delta & 1) != 0;
    int max = (n + m + 1) / 2;
    int offset = max + 1;
    int[] forward = new int[2 * max + 3];
    int[] backward = new int[2 * max + 3];
    for (int d = 0; d <= max; d++) {
      if (2 * d > MAX_EDITS) {
        return null;
      }
      for (int k = -d; k <= d; k += 2) {
        int x = (k == -d || (k != d && forward[offset + k - 1] < forward[offset + k + 1]))
            ? forward[offset + k + 1] : forward[offset + k - 1] + 1;
        int y = x - k;
        int x0 = x;
        int y0 = y;
        while (x < n && y < m && a[aLo + x] == b[bLo + y]) {
          x++;
          y++;
        }
        forward[offset + k] = x;
        int back = delta - k;
        if (odd && back >= -(d - 1) && back <= d - 1 && x + backward[offset + back] >= n) {
          return new int[] {aLo + x0, bLo + y0, aLo + x, bLo + y};
        }
      }
      for (int k = -d; k <= d; k += 2) {
        int x = (k == -d || (k != d && backward[offset + k - 1] < backward[offset + k + 1]))
            ? backward[offset + k + 1] : backward[offset + k - 1] + 1;
        int y = x - k;
        int x0 = x;
        int y0 = y;
        while (x < n && y < m && a[aHi - 1 - x] == b[bHi - 1 - y]) {
          x++;
          y++;
        }
        backward[offset + k] = x;
        int ahead = delta - k;
        if (!odd && ahead >= -d && ahead <= d && x + forward[offset + ahead] >= n) {
          return new int[] {aHi - x, bHi - y, aHi - x0, bHi - y0};
        }
      }
    }
    throw new IllegalStateException("the searches from both ends did not meet");
  }

  private static void appendHunks(StringBuilder out, List<Edit> script, List<String> a, List<String> b) {
    int i = 0;
    while (i < script.size()) {
      while (i < script.size() && script.get(i).op() == Op.EQUAL) {
        i++;
      }
      if (i == script.size()) {
        return;
      }
      int start = Math.max(0, i - CONTEXT);
      int end = i;
      int equalRun = 0;
      // Extend the hunk until more than 2*CONTEXT equal lines separate it from the next change.
      while (end < script.size() && equalRun <= 2 * CONTEXT) {
        equalRun = script.get(end).op() == Op.EQUAL ? equalRun + 1 : 0;
        end++;
      }
      end = end - equalRun + Math.min(equalRun, CONTEXT);
      appendHunk(out, script.subList(start, end), a, b);
      i = end;
    }
  }

  private static void appendHunk(StringBuilder out, List<Edit> hunk, List<String> a, List<String> b) {
    int aStart = hunk.get(0).a();
    int bStart = hunk.get(0).b();
    int aLen = 0;
    int bLen = 0;
    StringBuilder body = new StringBuilder();
    int i = 0;
    while (i < hunk.size()) {
      if (hunk.get(i).op() == Op.EQUAL) {
        line(body, ' ', a.get(hunk.get(i).a()));
        aLen++;
        bLen++;
        i++;
        continue;
      }
      // A block of changes reads removed lines first, then added ones, as git and diff print it;
      // the script may interleave them, and either order applies the same.
      int end = i;
      while (end < hunk.size() && hunk.get(end).op() != Op.EQUAL) {
        end++;
      }
      for (Edit e : hunk.subList(i, end)) {
        if (e.op() == Op.DELETE) {
          line(body, '-', a.get(e.a()));
          aLen++;
        }
      }
      for (Edit e : hunk.subList(i, end)) {
        if (e.op() == Op.INSERT) {
          line(body, '+', b.get(e.b()));
          bLen++;
        }
      }
      i = end;
    }
    out.append("@@ -").append(range(aStart, aLen)).append(" +").append(range(bStart, bLen)).append(" @@\n");
    out.append(body);
  }

  private static String range(int start, int length) {
    int first = length == 0 ? start : start + 1;
    return length == 1 ? String.valueOf(first) : first + "," + length;
  }

  private static void line(StringBuilder out, char mark, String line) {
    out.append(mark).append(line);
    if (!line.endsWith("\n")) {
      out.append("\n\\ No newline at end of file\n");
    }
  }
}
