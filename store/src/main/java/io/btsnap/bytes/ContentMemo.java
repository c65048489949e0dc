package io.btsnap.bytes;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers what a pure function of a file's bytes gave, by the SHA-256 of those bytes: the
 * imports a Python file declares, whether it looks like a secret. A grid search captures the
 * same files over and over; in a warm capture service, scanning them again was half of a
 * capture's CPU. Keyed by content, never by path or time, a hit cannot be stale.
 *
 * @param <V> the function's result, immutable
 */
public final class ContentMemo<V> {
  /** Larger contents are computed each time: rare in code, and costly to hold. */
  private static final int MAX_CONTENT_BYTES = 1 << 20;
  private final int maxEntries;
  private final Map<Key, V> values = new ConcurrentHashMap<>();

  /** Creates a memo of at most {@code maxEntries} results; past that it starts over. */
  public ContentMemo(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /** Returns {@code compute.apply(content)}, computed once per distinct content. */
  public V get(byte[] content, Function<byte[], V> compute) {
    if (content.length > MAX_CONTENT_BYTES) {
      return compute.apply(content);
    }
    return get(HashedBytes.of(content), compute);
  }

  /** As {@link #get(byte[], Function)}, with the content's SHA-256 known: nothing is hashed again. */
  public V get(HashedBytes content, Function<byte[], V> compute) {
    if (content.bytes().length > MAX_CONTENT_BYTES) {
      return compute.apply(content.bytes());
    }
    Key key = new Key(content.sha256());
    V known = values.get(key);
    if (known != null) {
      return known;
    }
    V value = compute.apply(content.bytes());
    if (values.size() >= maxEntries) {
      values.clear(); // a bound, not an LRU: a grid's files fit many times over
    }
    values.put(key, value);
    return value;
  }

  private record Key(byte[] digest) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(digest, k.digest);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(digest);
    }
  }
}
