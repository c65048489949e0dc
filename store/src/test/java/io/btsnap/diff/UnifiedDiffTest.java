package io.btsnap.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {
  private static final Pattern HUNK = Pattern.compile("@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@");

  @Test
  void addedAndRemovedFilesDiffAgainstDevNull() {
    assertThat(UnifiedDiff.patch("x.py", null, bytes("a\nb\n")))
        .isEqualTo("--- /dev/null\n+++ b/x.py\n@@ -0,0 +1,2 @@\n+a\n+b\n");
    assertThat(UnifiedDiff.patch("x.py", bytes("a\n"), null))
        .isEqualTo("--- a/x.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n");
  }

  @Test
  void missingNewlineAtEndIsMarked() {
    assertThat(UnifiedDiff.patch("x", bytes("a\nb"), bytes("a\nc")))
        .isEqualTo("--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n");
  }

  @Test
  void binaryFilesAreNamedNotPrinted() {
    assertThat(UnifiedDiff.patch("x", new byte[] {0, 1}, bytes("a\n")))
        .isEqualTo("Binary files a/x and b/x differ\n");
    assertThat(UnifiedDiff.patch("x", new byte[] {(byte) 0xc3, 0x28}, bytes("a\n")))
        .isEqualTo("Binary files a/x and b/x differ\n");
  }

  @Test
  void distantChangesGetSeparateHunks() {
    StringBuilder a = new StringBuilder();
    for (int i = 1; i <= 30; i++) {
      a.append(i).append('\n');
    }
    String b = a.toString().replace("\n3\n", "\nthree\n").replace("\n27\n", "\ntwenty-seven\n");
    String patch = UnifiedDiff.patch("n", bytes(a.toString()), bytes(b));
    assertThat(patch).contains("@@ -1,6 +1,6 @@").contains("@@ -24,7 +24,7 @@");
  }

  @Test
  void applyingThePatchGivesTheNewText() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int round = 0; round < 300; round++) {
      List<String> a = randomLines(random);
      List<String> b = mutate(random, a);
      String patch = UnifiedDiff.patch("f", bytes(String.join("", a)), bytes(String.join("", b)));
      assertThat(apply(a, patch)).as("seed %d round %d\n%s", seed, round, patch).isEqualTo(b);
      long changed = patch.lines().skip(2).filter(l -> l.startsWith("+") || l.startsWith("-")).count();
      assertThat(changed).as("seed %d round %d: a shortest edit script\n%s", seed, round, patch)
          .isEqualTo(a.size() + b.size() - 2L * commonSubsequence(a, b));
      List<String> body = patch.lines().skip(2).filter(l -> !l.startsWith("\\")).toList();
      for (int i = 1; i < body.size(); i++) {
        assertThat(body.get(i - 1).startsWith("+") && body.get(i).startsWith("-"))
            .as("seed %d round %d: removed lines come before added ones in a block\n%s", seed, round, patch).isFalse();
      }
    }
  }

  /**
   * A data file of 200,000 lines changed in 6,000 places diffs in a JVM of 128 MB of heap (its
   * text and lines take half of it): the
   * edit search keeps no per-step copy of its state (that took D times (N+M) ints, 9 GB here).
   */
  @Test
  void aLargeFileWithThousandsOfEditsDiffsInASmallHeap() throws Exception {
    Process p = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
            "-cp", System.getProperty("java.class.path"), LargeDiff.class.getName())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out.strip()).isEqualTo("12000 changed lines");
  }

  /** Diffs the large file of the test above and prints how many lines the patch changes. */
  public static final class LargeDiff {
    public static void main(String[] args) {
      StringBuilder a = new StringBuilder();
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 200_000; i++) {
        String line = "2026-01-01," + i + "," + (i * 7 % 1000) + "\n";
        a.append(line);
        b.append(i % 33 == 0 && i / 33 < 6000 ? "edited," + i + "\n" : line);
      }
      String patch = UnifiedDiff.patch("prices.csv", bytes(a.toString()), bytes(b.toString()));
      System.out.println(patch.lines().skip(2).filter(l -> l.startsWith("+") || l.startsWith("-")).count() + " changed lines");
    }
  }

  private static int commonSubsequence(List<String> a, List<String> b) {
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    return lcs[0][0];
  }

  private static List<String> randomLines(Random random) {
    List<String> lines = new ArrayList<>();
    int n = random.nextInt(40);
    for (int i = 0; i < n; i++) {
      lines.add("l" + random.nextInt(8) + "\n");
    }
    return lines;
  }

  private static List<String> mutate(Random random, List<String> a) {
    List<String> b = new ArrayList<>(a);
    int edits = random.nextInt(6);
    for (int i = 0; i < edits; i++) {
      int op = random.nextInt(3);
      if (op == 0 || b.isEmpty()) {
        b.add(random.nextInt(b.size() + 1), "new" + random.nextInt(5) + "\n");
      } else if (op == 1) {
        b.remove(random.nextInt(b.size()));
      } else {
        b.set(random.nextInt(b.size()), "chg" + random.nextInt(5) + "\n");
      }
    }
    return b;
  }

  /** A strict patch applier: context and removed lines must match exactly. */
  private static List<String> apply(List<String> a, String patch) {
    List<String> out = new ArrayList<>();
    String[] lines = patch.split("\n", -1);
    int aPos = 0;
    for (int i = 2; i < lines.length; i++) {
      Matcher m = HUNK.matcher(lines[i]);
      if (!m.lookingAt()) {
        continue;
      }
      int aStart = Integer.parseInt(m.group(1));
      int aLen = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
      int from = aLen == 0 ? aStart : aStart - 1;
      while (aPos < from) {
        out.add(a.get(aPos++));
      }
      int taken = 0;
      for (i = i + 1; i < lines.length && !lines[i].startsWith("@@") && !lines[i].isEmpty(); i++) {
        char mark = lines[i].charAt(0);
        String text = lines[i].substring(1) + "\n";
        if (mark == ' ' || mark == '-') {
          assertThat(a.get(aPos)).isEqualTo(text);
          aPos++;
          taken++;
        }
        if (mark == ' ' || mark == '+') {
          out.add(text);
        }
      }
      assertThat(taken).isEqualTo(aLen);
      i--;
    }
    while (aPos < a.size()) {
      out.add(a.get(aPos++));
    }
    return out;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
