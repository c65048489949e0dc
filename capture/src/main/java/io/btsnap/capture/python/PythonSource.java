package io.btsnap.capture.python;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes Python source bytes as Python does: a PEP 263 {@code coding} declaration in the first
 * two lines, else UTF-8 (a UTF-8 BOM is skipped). Bytes that don't decode become U+FFFD instead
 * of failing, so a file with a broken or unknown encoding is still scanned: import statements
 * are ASCII.
 */
final class PythonSource {
  private static final Pattern CODING = Pattern.compile("^[ \\t\\f]*#.*?coding[:=][ \\t]*([-\\w.]+)");

  private PythonSource() {}

  static String decode(byte[] bytes) {
    int offset = 0;
    if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
      offset = 3;
    }
    Charset charset = declaredCharset(bytes, offset);
    // The String constructor replaces what does not decode, never throws.
    return new String(bytes, offset, bytes.length - offset, charset);
  }

  private static Charset declaredCharset(byte[] bytes, int offset) {
    // The declaration is ASCII; read the first two lines as Latin-1 to find it.
    int end = offset;
    int lines = 0;
    while (end < bytes.length && lines < 2) {
      if (bytes[end] == '\n') {
        lines++;
      }
      end++;
    }
    String head = new String(bytes, offset, end - offset, StandardCharsets.ISO_8859_1);
    for (String line : head.split("\n", 3)) {
      Matcher m = CODING.matcher(line);
      if (m.find()) {
        return charsetOrUtf8(m.group(1));
      }
      if (!line.isBlank() && !line.stripLeading().startsWith("#")) {
        break; // the declaration must come before any code
      }
    }
    return StandardCharsets.UTF_8;
  }

  private static Charset charsetOrUtf8(String name) {
    String n = name.toLowerCase().replace('_', '-');
    if (n.equals("utf-8") || n.startsWith("utf-8-") || n.equals("utf8")) {
      return StandardCharsets.UTF_8;
    }
    if (n.equals("latin-1") || n.startsWith("iso-8859-1") || n.startsWith("iso-latin-1")) {
      return StandardCharsets.ISO_8859_1;
    }
    try {
      return Charset.forName(n);
    } catch (IllegalArgumentException e) {
      return StandardCharsets.UTF_8;
    }
  }
}
