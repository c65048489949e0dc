package io.btsnap.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service's wire form: ASCII only, the same document once read back. */
class JsonAsciiTest {
  @Test
  void everyCharacterPastAsciiIsEscapedAndReadsBackTheSame() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("reason", "imported: main.py → risk.py");
    value.put("emoji and accents", List.of("caf\u00e9", "\ud83d\ude00", "tab\tquote\"", 3L, true));
    value.put("näme", Map.of("k", "v"));
    value.put("raw", new Json.Raw("{\"pre\":\"encoded\"}"));
    String ascii = Json.writeAscii(value);
    assertThat(ascii.chars()).allMatch(c -> c < 0x7F);
    assertThat(ascii).contains("main.py \\u2192 risk.py").contains("\\ud83d\\ude00").contains("{\"pre\":\"encoded\"}");
    value.put("raw", Map.of("pre", "encoded"));
    assertThat(JsonReader.parse(ascii)).isEqualTo(value);
    assertThat(Json.writeCompact(value)).as("other writers keep the characters").contains("→").contains("näme");
  }
}
