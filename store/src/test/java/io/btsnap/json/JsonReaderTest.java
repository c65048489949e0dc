package io.btsnap.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The reader accepts exactly RFC 8259 JSON; every malformed document is one clear error. */
class JsonReaderTest {
  static Stream<String> malformed() {
    return Stream.of(
        "", " ", "{", "[", "\"abc", "{\"a\"", "{\"a\":", "{\"a\":1", "[1,", "[1,]", "{\"a\":1,}", "{,}", "[,1]",
        "+1", "01", "-01", "1.", ".5", "1e", "1e+", "-", "--1", "0x10", "1.5.2", "NaN", "Infinity", "1e999",
        "99999999999999999999", "tru", "nul", "falsey", "True", "'a'", "{a:1}", "{\"a\" 1}", "[1 2]",
        "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"tab\there\"",
        "\"\ud800\"", "{\"a\":1,\"a\":2}", "[1] [2]", "1 2", "[\"a\"]]", "\u00a01", "[" .repeat(65) + "]".repeat(65),
        "{\"a\":".repeat(65) + "1" + "}".repeat(65));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void malformedDocumentIsOneClearError(String text) {
    assertThatThrownBy(() -> JsonReader.parse(text))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("bad JSON at offset ")
        .message().doesNotContain("\n");
  }

  @Test
  void validDocumentsParse() {
    assertThat(JsonReader.parse(" {\"a\": [1, -2.5e3, true, false, null, \"\\u00e9\\ud83d\\ude00\\/\"]}\n"))
        .isEqualTo(Map.of("a", java.util.Arrays.asList(1L, -2500.0, true, false, null, "é😀/")));
    assertThat(JsonReader.parse("[" .repeat(64) + "]".repeat(64))).isInstanceOf(List.class);
    assertThat(JsonReader.parse("-0")).isEqualTo(0L);
    assertThat(JsonReader.parse("\"😀\"")).isEqualTo("😀");
  }

  /**
   * A generated corpus: random documents written by {@link Json}, read back equal; every proper
   * prefix of each refused; random one-character edits either read or refused, never another
   * exception.
   */
  @Test
  void generatedCorpusReadsBackOrFailsClearly() {
    long seed = 20261129L;
    Random random = new Random(seed);
    for (int i = 0; i < 300; i++) {
      Object value = randomValue(random, 0);
      String text = Json.write(value);
      assertThat(JsonReader.parse(text)).as("seed %d, document %d", seed, i).isEqualTo(value);
      if (text.length() > 1 && (value instanceof Map || value instanceof List)) {
        for (int cut = 0; cut < text.length() - 1; cut++) {
          String prefix = text.substring(0, cut);
          if (!prefix.isBlank() || cut == 0) {
            expectClearErrorOrValue(prefix, true);
          }
        }
      }
      for (int edit = 0; edit < 20; edit++) {
        StringBuilder mutated = new StringBuilder(text);
        int at = random.nextInt(text.length());
        String nasty = "{}[],:\"\\ -+.e0x\u0000\ud800";
        mutated.setCharAt(at, nasty.charAt(random.nextInt(nasty.length())));
        expectClearErrorOrValue(mutated.toString(), false);
      }
    }
  }

  private static void expectClearErrorOrValue(String text, boolean mustFail) {
    try {
      JsonReader.parse(text);
      if (mustFail) {
        fail("accepted a truncated document: " + text);
      }
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).startsWith("bad JSON at offset ");
    } catch (RuntimeException e) {
      fail("'" + text + "' threw " + e);
    }
  }

  private static Object randomValue(Random random, int depth) {
    int kind = random.nextInt(depth > 3 ? 5 : 7);
    return switch (kind) {
      case 0 -> random.nextLong() >> random.nextInt(64);
      case 1 -> random.nextBoolean();
      case 2 -> null;
      case 3, 4 -> randomString(random);
      case 5 -> {
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          list.add(randomValue(random, depth + 1));
        }
        yield list;
      }
      default -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          map.put(randomString(random), randomValue(random, depth + 1));
        }
        yield map;
      }
    };
  }

  private static String randomString(Random random) {
    String alphabet = "ab \"\\/\n\t\u0001é日😀";
    StringBuilder out = new StringBuilder();
    for (int i = random.nextInt(6); i > 0; i--) {
      int at = random.nextInt(alphabet.length());
      char c = alphabet.charAt(at);
      if (Character.isLowSurrogate(c)) {
        continue; // only whole pairs: a lone surrogate is not text
      }
      out.append(c);
      if (Character.isHighSurrogate(c)) {
        out.append(alphabet.charAt(at + 1));
      }
    }
    return out.toString();
  }
}
