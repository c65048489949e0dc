package io.btsnap.store.model;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The id of a run, such as {@code 20261126-213005-1f47a2}: the UTC second of its creation, then
 * three hex digits of the millisecond and three random hex digits. Ids sort by creation time to
 * the millisecond; the store draws them when it commits the run, above the last id it holds, so
 * ids are unique across processes and increase in commit order even within a millisecond. The index stores an id as 8 bytes,
 * {@code epochMillis << 12 | random}, which sort in the same order.
 *
 * @param value the id's text
 */
public record RunId(String value) implements Comparable<RunId> {

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

  /**
   * Returns whether {@code value} is a run id: the form, a real date, a millisecond below 1000.
   * Checked by hand rather than by a pattern and a date parse: every run a listing decodes comes
   * through here, and those took a third of listing 100k runs.
   */
  public static boolean isWellFormed(String value) {
    if (value.length() != 22 || value.charAt(8) != '-' || value.charAt(15) != '-') {
      return false;
    }
    for (int i = 0; i < 15; i++) {
      char c = value.charAt(i);
      if (i != 8 && (c < '0' || c > '9')) {
        return false;
      }
    }
    for (int i = 16; i < 22; i++) {
      char c = value.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    int year = number(value, 0, 4);
    int month = number(value, 4, 6);
    int day = number(value, 6, 8);
    return month >= 1 && month <= 12 && day >= 1 && day <= Month.of(month).length(Year.isLeap(year))
        && number(value, 9, 11) < 24 && number(value, 11, 13) < 60 && number(value, 13, 15) < 60
        && Integer.parseInt(value, 16, 19, 16) <= 999;
  }

  private static int number(String value, int from, int to) {
    return Integer.parseInt(value, from, to, 10);
  }

  private static LocalDateTime second(String value) {
    return LocalDateTime.of(
        Integer.parseInt(value, 0, 4, 10), Integer.parseInt(value, 4, 6, 10), Integer.parseInt(value, 6, 8, 10),
        Integer.parseInt(value, 9, 11, 10), Integer.parseInt(value, 11, 13, 10), Integer.parseInt(value, 13, 15, 10));
  }

  /** Returns a new id for a run created at {@code created}, with a random suffix. */
  public static RunId forInstant(Instant created) {
    return fromLong(created.toEpochMilli() << RANDOM_BITS | ThreadLocalRandom.current().nextInt(1 << RANDOM_BITS));
  }

  /**
   * Returns the id of a run created at {@code created} whose suffix is drawn from {@code seed}:
   * the same seed gives the same id, so importing the same thing twice finds it present.
   */
  public static RunId forInstant(Instant created, long seed) {
    return fromLong(created.toEpochMilli() << RANDOM_BITS | (seed & ((1 << RANDOM_BITS) - 1)));
  }

  /** Returns the smallest id after this one: the next random value, or the next millisecond. */
  public RunId next() {
    return fromLong(packed() + 1);
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

  // Listing 100k runs formats 100k ids: done by hand, not with DateTimeFormatter and format().
  private static RunId fromLong(long packed) {
    long millis = packed >>> RANDOM_BITS;
    LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0, ZoneOffset.UTC);
    char[] text = new char[22];
    digits(text, 0, t.getYear(), 4);
    digits(text, 4, t.getMonthValue(), 2);
    digits(text, 6, t.getDayOfMonth(), 2);
    text[8] = '-';
    digits(text, 9, t.getHour(), 2);
    digits(text, 11, t.getMinute(), 2);
    digits(text, 13, t.getSecond(), 2);
    text[15] = '-';
    hex(text, 16, Math.floorMod(millis, 1000));
    hex(text, 19, packed & 0xFFF);
    return new RunId(new String(text));
  }

  private static void digits(char[] text, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  private static void hex(char[] text, int at, long value) {
    for (int i = at + 2; i >= at; i--) {
      text[i] = Character.forDigit((int) (value & 0xF), 16);
      value >>>= 4;
    }
  }

  /** Returns the creation time encoded in an 8-byte key, without building the id. */
  public static Instant createdFromKey(byte[] key) {
    long packed = 0;
    for (byte b : key) {
      packed = packed << 8 | (b & 0xFF);
    }
    return Instant.ofEpochMilli(packed >>> RANDOM_BITS);
  }

  /** Returns the 8-byte big-endian key that sorts like the id's text. */
  public byte[] toKey() {
    long packed = packed();
    byte[] key = new byte[Long.BYTES];
    for (int i = Long.BYTES - 1; i >= 0; i--) {
      key[i] = (byte) packed;
      packed >>>= 8;
    }
    return key;
  }

  private long packed() {
    return created().toEpochMilli() << RANDOM_BITS | Integer.parseInt(value, 19, 22, 16);
  }

  /** Returns when the run was created, to the millisecond. */
  public Instant created() {
    return second(value).toInstant(ZoneOffset.UTC).plusMillis(Integer.parseInt(value, 16, 19, 16));
  }

  @Override
  public int compareTo(RunId other) {
    return value.compareTo(other.value);
  }

  // Written out: a record's generated equals and hashCode are bootstrapped through method
  // handles on first use, several milliseconds of every short-lived command that keys a map.
  @Override
  public boolean equals(Object other) {
    return other instanceof RunId o && value.equals(o.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
