package io.btsnap.store;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The id of a run, such as {@code 20261126-213005-1f47a2}: the UTC second of its creation, then
 * three hex digits of the millisecond and three random hex digits. Ids sort by creation time to
 * the millisecond; the store makes them unique when it commits the run, so two processes
 * capturing in the same millisecond still get distinct ids. The index stores an id as 8 bytes,
 * {@code epochMillis << 12 | random}, which sort in the same order.
 *
 * @param value the id's text
 */
public record RunId(String value) implements Comparable<RunId> {

  private static final Pattern FORM = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{6}");
  private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter PARSE_SECOND = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss");
  private static final int RANDOM_BITS = 12;

  /** Checks the form of {@code value}. */
  public RunId {
    Objects.requireNonNull(value, "value");
    if (!isWellFormed(value)) {
      throw new IllegalArgumentException("not a run id: " + value);
    }
  }

  /** Parses a run id. */
  public static RunId parse(String value) {
    return new RunId(value);
  }

  /** Returns whether {@code value} is a run id: the form, a real date, a millisecond below 1000. */
  public static boolean isWellFormed(String value) {
    if (!FORM.matcher(value).matches() || Integer.parseInt(value.substring(16, 19), 16) > 999) {
      return false;
    }
    try {
      LocalDateTime.parse(value.substring(0, 15), PARSE_SECOND);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  /** Returns a new id for a run created at {@code created}, with a random suffix. */
  public static RunId forInstant(Instant created) {
    return fromLong(created.toEpochMilli() << RANDOM_BITS | ThreadLocalRandom.current().nextInt(1 << RANDOM_BITS));
  }

  /** Returns the id whose 8-byte index key is {@code key}. */
  public static RunId fromKey(byte[] key) {
    if (key.length != Long.BYTES) {
      throw new IllegalArgumentException("a run key has 8 bytes, not " + key.length);
    }
    long packed = 0;
    for (byte b : key) {
      packed = packed << 8 | (b & 0xFF);
    }
    return fromLong(packed);
  }

  private static RunId fromLong(long packed) {
    long millis = packed >>> RANDOM_BITS;
    Instant instant = Instant.ofEpochMilli(millis);
    return new RunId(SECOND.format(instant) + "-" + String.format("%03x%03x", millis % 1000, packed & 0xFFF));
  }

  /** Returns the 8-byte big-endian key that sorts like the id's text. */
  public byte[] toKey() {
    long packed = created().toEpochMilli() << RANDOM_BITS | Integer.parseInt(value.substring(19), 16);
    byte[] key = new byte[Long.BYTES];
    for (int i = Long.BYTES - 1; i >= 0; i--) {
      key[i] = (byte) packed;
      packed >>>= 8;
    }
    return key;
  }

  /** Returns when the run was created, to the millisecond. */
  public Instant created() {
    LocalDateTime second = LocalDateTime.parse(value.substring(0, 15), PARSE_SECOND);
    return second.toInstant(ZoneOffset.UTC).plusMillis(Integer.parseInt(value.substring(16, 19), 16));
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
