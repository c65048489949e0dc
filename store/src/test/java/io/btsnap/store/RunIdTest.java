package io.btsnap.store;

import io.btsnap.store.model.RunId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RunIdTest {
  /** The definition the hand-written check must agree with: the form, a real date, ms below 1000. */
  private static final Pattern FORM = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{6}");

  private static boolean byDefinition(String value) {
    if (!FORM.matcher(value).matches() || Integer.parseInt(value.substring(16, 19), 16) > 999) {
      return false;
    }
    try {
      LocalDateTime.of(
          Integer.parseInt(value.substring(0, 4)), Integer.parseInt(value.substring(4, 6)),
          Integer.parseInt(value.substring(6, 8)), Integer.parseInt(value.substring(9, 11)),
          Integer.parseInt(value.substring(11, 13)), Integer.parseInt(value.substring(13, 15)));
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  @Test
  void theCheckAgreesWithTheDefinition() {
    String[] edges = {
      "20240229-235959-3e7fff", "20230229-120000-000000", "21000229-120000-000000", "20000229-120000-000000",
      "20261131-120000-000000", "20261301-120000-000000", "20260001-120000-000000", "20260100-120000-000000",
      "20261126-240000-000000", "20261126-236000-000000", "20261126-235960-000000", "20261126-120000-3e8000",
      "20261126-120000-3E7000", "20261126 120000-000000", "20261126-120000-00000", "2026112-6120000-000000",
      "20261126-12000a-000000", "00000101-000000-000000", "99991231-235959-3e7fff", ""};
    for (String edge : edges) {
      assertThat(RunId.isWellFormed(edge)).as(edge).isEqualTo(byDefinition(edge));
    }
    Random random = new Random(26);
    String alphabet = "0123456789abcdefA-x ";
    for (int n = 0; n < 200_000; n++) {
      char[] text = RunId.forInstant(Instant.ofEpochMilli(random.nextLong(0, 253_402_300_799_000L))).value().toCharArray();
      for (int k = random.nextInt(3); k > 0; k--) {
        text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
      }
      String value = new String(text);
      assertThat(RunId.isWellFormed(value)).as(value).isEqualTo(byDefinition(value));
    }
  }

  @Test
  void aMalformedIdIsRefused() {
    assertThatThrownBy(() -> RunId.parse("20261131-120000-000000")).isInstanceOf(IllegalArgumentException.class);
    assertThat(RunId.parse("20261126-120000-3e7fff").value()).isEqualTo("20261126-120000-3e7fff");
  }
}
