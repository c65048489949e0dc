package io.btsnap.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * When a store's caches of a remote ({@link KnownRuns}, {@link KnownObjects}) last took every
 * gc tombstone into account: the server's time of the {@code gc/} listing a push applied, in
 * {@code <store>/remote-cache/<name>.synced}. Remote gc prunes tombstones older than its epoch;
 * a cache synced before that epoch may have missed one and is discarded, not trusted.
 */
final class CacheSync {
  private final Path file;

  private CacheSync(Path file) {
    this.file = file;
  }

  static CacheSync of(Path storeDir, String remote) {
    return new CacheSync(storeDir.resolve("remote-cache").resolve(remote + ".synced"));
  }

  /** The time of the last listing applied; empty for a cache of an earlier version or none. */
  Optional<Instant> read() throws IOException {
    try {
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip())));
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return Optional.empty(); // damaged: as if never synced, so the caches are not trusted
    }
  }

  /**
   * Returns whether caches synced as recorded may have missed a tombstone gc pruned before
   * {@code epoch}. A listing at second S shows every tombstone stamped before S, and gc prunes
   * only those stamped before its epoch, so a cache synced at or after the epoch missed none.
   */
  boolean staleFor(Optional<Instant> epoch) throws IOException {
    if (epoch.isEmpty()) {
      return false;
    }
    Optional<Instant> synced = read();
    return synced.isEmpty() || synced.get().isBefore(epoch.get());
  }

  void write(Instant serverTime) throws IOException {
    KnownRuns.replace(file, serverTime.getEpochSecond() + "\n");
  }
}
