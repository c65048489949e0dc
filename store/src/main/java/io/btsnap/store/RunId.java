package io.btsnap.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The id of a run, such as {@code 20261126-213005-1f47a2}: the UTC second of its creation, then
 * three hex digits of the millisecond and three random hex digits. Ids sort by creation time to
 * the millisecond; the store makes them unique when it commits the run, so two processes
 * capturing in the same millisecond still get distinct ids.
 *
 * @param value the id's text
 */
public record RunId(String value) implements Comparable<RunId> {

  private static final Pattern FORM = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{6}");
  private static final DateTimeFormatter SECOND =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  /** Checks the form of {@code value}. */
  public RunId {
    Objects.requireNonNull(value, "value");
    if (!FORM.matcher(value).matches()) {
      throw new IllegalArgumentException("not a run id: " + value);
    }
  }

  /** Parses a run id. */
  public static RunId parse(String value) {
    return new RunId(value);
  }

  /** Returns whether {@code value} has the form of a run id. */
  public static boolean isWellFormed(String value) {
    return FORM.matcher(value).matches();
  }

  /** Returns a new id for a run created at {@code created}, with a random suffix. */
  public static RunId forInstant(Instant created) {
    int millis = created.getNano() / 1_000_000;
    int random = ThreadLocalRandom.current().nextInt(0x1000);
    return new RunId(SECOND.format(created) + "-" + String.format("%03x%03x", millis, random));
  }

  @Override
  public int compareTo(RunId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
