package io.btsnap.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The blobs and manifests a store knows a remote holds, in {@code
 * <store>/remote-cache/<name>.objects}: {@code O <key>} for an object seen in a listing or
 * written, {@code T <key>} for each {@code gc/deleted/} tombstone already taken into account.
 * With it a push of code the remote has sends no listing of {@code blobs/} (a bucket of 100k
 * blobs takes 100 listing requests). Only a remote gc deletes objects, and it writes a tombstone
 * naming them before it deletes any; a push reads {@code gc/} before it relies on this cache, and
 * forgets every key a tombstone it had not seen names.
 */
final class KnownObjects {
  private final Path file;
  private final Set<String> objects = new HashSet<>();
  private final Set<String> tombstones = new HashSet<>();

  private KnownObjects(Path file) {
    this.file = file;
  }

  static KnownObjects read(Path storeDir, String remote) throws IOException {
    KnownObjects known = new KnownObjects(storeDir.resolve("remote-cache").resolve(remote + ".objects"));
    if (Files.isRegularFile(known.file)) {
      for (String line : Files.readAllLines(known.file, StandardCharsets.UTF_8)) {
        if (line.startsWith("O ")) {
          known.objects.add(line.substring(2));
        } else if (line.startsWith("T ")) {
          known.tombstones.add(line.substring(2));
        } // else a line cut by a crash
      }
    }
    return known;
  }

  boolean containsAll(Collection<String> keys) {
    return objects.containsAll(keys);
  }

  /** Returns the tombstones among {@code keys} not taken into account yet. */
  List<String> unseen(Collection<String> tombstoneKeys) {
    return tombstoneKeys.stream().filter(k -> !tombstones.contains(k)).toList();
  }

  boolean isEmpty() {
    return objects.isEmpty();
  }

  /**
   * Takes the gc/deleted tombstones listed now into account: forgets what {@code gone} names,
   * remembers {@code listed} as read, and forgets tombstones gc pruned. Rewrites the file when
   * anything changed.
   */
  void forget(Collection<String> listed, Collection<String> gone) throws IOException {
    boolean changed = tombstones.retainAll(new HashSet<>(listed));
    changed |= tombstones.addAll(listed);
    changed |= objects.removeAll(gone);
    if (changed) {
      rewrite();
    }
  }

  /** Forgets every object and tombstone: nothing remembered is trusted. */
  void clear() throws IOException {
    objects.clear();
    tombstones.clear();
    rewrite();
  }

  /** Replaces what is known under {@code folder} by a complete listing of it. */
  void listed(String folder, Collection<String> keys) throws IOException {
    objects.removeIf(k -> k.startsWith(folder));
    objects.addAll(keys);
    rewrite();
  }

  /** Records objects written or read; appended, so concurrent pushes lose nothing that matters. */
  void add(Collection<String> keys) throws IOException {
    if (keys.isEmpty()) {
      return;
    }
    objects.addAll(keys);
    StringBuilder lines = new StringBuilder();
    keys.forEach(k -> lines.append("O ").append(k).append('\n'));
    KnownRuns.append(file, lines.toString());
  }

  private void rewrite() throws IOException {
    StringBuilder lines = new StringBuilder();
    tombstones.forEach(k -> lines.append("T ").append(k).append('\n'));
    objects.forEach(k -> lines.append("O ").append(k).append('\n'));
    KnownRuns.replace(file, lines.toString());
  }
}
