package io.btsnap.cli.output;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Unified diffs of text files, as {@code diff -u} prints them, from Myers' O((N+M)D) algorithm.
 * Files that are not UTF-8 text, or whose edit script would be huge, are reported in one line.
 */
public final class UnifiedDiff {
  private static final int CONTEXT = 3;
  // Past this many edits the trace memory grows as D*(N+M); say "differ" instead.
  private static final int MAX_EDITS = 4000;

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

  private static List<Edit> editScript(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int max = n + m;
    int offset = max + 1;
    int[] v = new int[2 * max + 3];
    List<int[]> trace = new ArrayList<>();
    for (int d = 0; d <= max; d++) {
      if (d > MAX_EDITS) {
        return null;
      }
      trace.add(v.clone());
      for (int k = -d; k <= d; k += 2) {
        int x =
            (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
                ? v[offset + k + 1]
                : v[offset + k - 1] + 1;
        int y = x - k;
        while (x < n && y < m && a.get(x).equals(b.get(y))) {
          x++;
          y++;
        }
        v[offset + k] = x;
        if (x >= n && y >= m) {
          return backtrack(trace, offset, n, m);
        }
      }
    }
    throw new IllegalStateException("Myers search ended without reaching the end");
  }

  private static List<Edit> backtrack(List<int[]> trace, int offset, int n, int m) {
    List<Edit> reversed = new ArrayList<>();
    int x = n;
    int y = m;
    for (int d = trace.size() - 1; d >= 0; d--) {
      int[] v = trace.get(d);
      int k = x - y;
      int prevK =
          (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? k + 1 : k - 1;
      int prevX = v[offset + prevK];
      int prevY = prevX - prevK;
      while (x > prevX && y > prevY) {
        reversed.add(new Edit(Op.EQUAL, --x, --y));
      }
      if (d > 0) {
        reversed.add(x == prevX ? new Edit(Op.INSERT, x, prevY) : new Edit(Op.DELETE, prevX, y));
      }
      x = prevX;
      y = prevY;
    }
    List<Edit> script = new ArrayList<>(reversed.size());
    for (int i = reversed.size() - 1; i >= 0; i--) {
      script.add(reversed.get(i));
    }
    return script;
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
    for (Edit e : hunk) {
      switch (e.op()) {
        case EQUAL -> {
          line(body, ' ', a.get(e.a()));
          aLen++;
          bLen++;
        }
        case DELETE -> {
          line(body, '-', a.get(e.a()));
          aLen++;
        }
        case INSERT -> {
          line(body, '+', b.get(e.b()));
          bLen++;
        }
      }
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
