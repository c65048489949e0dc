package io.btsnap.secrets;

import io.btsnap.bytes.ContentMemo;
import io.btsnap.bytes.HashedBytes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Tells files that look like credentials, by name ({@code .env*}, {@code *.pem}, {@code *.key},
 * {@code id_rsa*}, {@code id_ed25519*}, {@code .netrc}, {@code credentials*}, {@code *.p12}) or
 * by content (a private key block, an AWS access key id, a GitHub, Slack or Google API token).
 * Once in a content-addressed store a secret travels with every export and push, so a capture
 * refuses one it was not explicitly given.
 *
 * <p>The content scan is one pass over the bytes looking for each pattern's fixed start, so it
 * costs microseconds on the files of a capture, which it reads anyway.
 */
public final class SecretRules {
  private record NameRule(String glob, Pattern regex) {}

  private static final List<NameRule> NAMES = List.of(
      name(".env*"), name("*.pem"), name("*.key"), name("id_rsa*"), name("id_ed25519*"), name(".netrc"),
      name("credentials*"), name("*.p12"));

  private SecretRules() {}

  private static NameRule name(String glob) {
    return new NameRule(glob, Pattern.compile(glob.replace(".", "\\.").replace("*", ".*")));
  }

  /** What each file name seen by this process matched: a grid names the same files each capture. */
  private static final Map<String, Optional<String>> BY_NAME = new ConcurrentHashMap<>();

  /** Returns the rule {@code fileName} matches, e.g. {@code name *.pem}, if any. */
  public static Optional<String> byName(String fileName) {
    Optional<String> known = BY_NAME.get(fileName);
    if (known != null) {
      return known;
    }
    if (BY_NAME.size() >= 4096) {
      BY_NAME.clear(); // a bound, not an LRU
    }
    Optional<String> found = matchName(fileName);
    BY_NAME.put(fileName, found);
    return found;
  }

  private static Optional<String> matchName(String fileName) {
    for (NameRule rule : NAMES) {
      if (rule.regex().matcher(fileName).matches()) {
        return Optional.of("name " + rule.glob());
      }
    }
    return Optional.empty();
  }

  /** Returns what in {@code content} looks like a credential, e.g. {@code a private key block}, if anything. */
  public static Optional<String> byContent(byte[] content) {
    return SCANNED.get(content, SecretRules::scan);
  }

  /** What each file content seen by this process holds that looks like a credential. */
  private static final ContentMemo<Optional<String>> SCANNED = new ContentMemo<>(4096);

  private static Optional<String> scan(byte[] content) {
    for (int i = 0; i < content.length; i++) {
      Optional<String> found = switch (content[i]) {
        case '-' -> privateKey(content, i);
        case 'A' -> awsKey(content, i);
        case 'g' -> githubToken(content, i);
        case 'x' -> slackToken(content, i);
        default -> Optional.empty();
      };
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** Returns the first rule {@code fileName} or {@code content} matches. */
  public static Optional<String> check(String fileName, byte[] content) {
    return byName(fileName).or(() -> byContent(content));
  }

  /** As {@link #check(String, byte[])}, with the content's SHA-256 known. */
  public static Optional<String> check(String fileName, HashedBytes content) {
    return byName(fileName).or(() -> SCANNED.get(content, SecretRules::scan));
  }

  private static Optional<String> privateKey(byte[] c, int at) {
    if (!startsWith(c, at, "-----BEGIN ")) {
      return Optional.empty();
    }
    int end = Math.min(c.length, at + 60);
    String header = new String(c, at, end - at, StandardCharsets.ISO_8859_1);
    int close = header.indexOf("-----", 11);
    return close > 0 && header.substring(11, close).endsWith("PRIVATE KEY") || close > 0 && header.substring(11, close).equals("PGP PRIVATE KEY BLOCK")
        ? Optional.of("content: a private key block") : Optional.empty();
  }

  private static Optional<String> awsKey(byte[] c, int at) {
    if (startsWith(c, at, "AIza")) {
      return token(c, at, "AIza", 35, "a Google API key");
    }
    if (!startsWith(c, at, "AKIA") && !startsWith(c, at, "ASIA")) {
      return Optional.empty();
    }
    for (int i = at + 4; i < at + 20; i++) {
      if (i >= c.length || !((c[i] >= 'A' && c[i] <= 'Z') || (c[i] >= '0' && c[i] <= '9'))) {
        return Optional.empty();
      }
    }
    boolean ends = at + 20 == c.length || !Character.isLetterOrDigit(c[at + 20]);
    return ends ? Optional.of("content: an AWS access key id") : Optional.empty();
  }

  private static Optional<String> githubToken(byte[] c, int at) {
    if (at + 4 > c.length || c[at + 1] != 'h' || "pousr".indexOf(c[at + 2]) < 0 || c[at + 3] != '_') {
      return Optional.empty();
    }
    return token(c, at, new String(c, at, 4, StandardCharsets.ISO_8859_1), 36, "a GitHub token");
  }

  private static Optional<String> slackToken(byte[] c, int at) {
    if (at + 5 > c.length || c[at + 1] != 'o' || c[at + 2] != 'x' || "abprs".indexOf(c[at + 3]) < 0 || c[at + 4] != '-') {
      return Optional.empty();
    }
    return token(c, at, new String(c, at, 5, StandardCharsets.ISO_8859_1), 10, "a Slack token");
  }

  /** {@code prefix} then at least {@code length} token characters. */
  private static Optional<String> token(byte[] c, int at, String prefix, int length, String what) {
    if (!startsWith(c, at, prefix)) {
      return Optional.empty();
    }
    int i = at + prefix.length();
    int count = 0;
    while (i < c.length && (Character.isLetterOrDigit(c[i]) || c[i] == '_' || c[i] == '-') && c[i] >= 0) {
      i++;
      count++;
    }
    return count >= length ? Optional.of("content: " + what) : Optional.empty();
  }

  private static boolean startsWith(byte[] c, int at, String prefix) {
    if (at + prefix.length() > c.length) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (c[at + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
