package io.btsnap.remote;

import io.btsnap.json.Json;
import io.btsnap.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The remote's {@code gc/} folder, as pushes and gc read it:
 * <pre>
 * gc/marks/&lt;uuid&gt;.json              objects a gc found unreferenced ("candidates"); a later gc deletes them
 * gc/sweeps/&lt;limitSeconds&gt;-&lt;uuid&gt;   a gc deleting right now, for at most limitSeconds after it was written
 * gc/dropped/&lt;uuid&gt;.json            runs a gc's retention took out of the segments
 * gc/deleted/&lt;uuid&gt;.json            objects a gc deletes, written before it deletes any
 * gc/epoch/&lt;seconds&gt;                tombstones stamped before this server time may be pruned
 * </pre>
 * Marks never change once written, so their contents are read once per process.
 */
final class GcFolder {
  static final String MARKS = "gc/marks/";
  static final String SWEEPS = "gc/sweeps/";
  static final String DROPPED = "gc/dropped/";
  static final String DELETED = "gc/deleted/";
  static final String EPOCHS = "gc/epoch/";

  /** What a listing of {@code gc/} showed. */
  record View(
      List<ObjectStore.Listed> marks, List<ObjectStore.Listed> sweeps, List<ObjectStore.Listed> dropped,
      List<ObjectStore.Listed> deleted, List<ObjectStore.Listed> epochs, Instant serverTime) {
    /** Returns whether a gc may be deleting objects now. */
    boolean sweeping() {
      // A second on top: the server stamps times to the second.
      return sweeps.stream().anyMatch(s -> serverTime.isBefore(s.modified().plus(limit(s.key())).plusSeconds(1)));
    }

    /** The latest epoch written: tombstones stamped before it may be gone. */
    java.util.Optional<Instant> epoch() {
      return epochs.stream().map(e -> epochOf(e.key())).flatMap(java.util.Optional::stream).max(Instant::compareTo);
    }

    List<ObjectStore.Listed> tombstones() {
      List<ObjectStore.Listed> all = new ArrayList<>(dropped);
      all.addAll(deleted);
      return all;
    }

    List<String> markKeys() {
      return marks.stream().map(ObjectStore.Listed::key).toList();
    }
  }

  private final ObjectStore objects;
  private final Map<String, Set<String>> candidates = new ConcurrentHashMap<>();

  GcFolder(ObjectStore objects) {
    this.objects = objects;
  }

  View read() throws RemoteException {
    ObjectStore.Listing listing = objects.listing("gc/");
    List<ObjectStore.Listed> marks = new ArrayList<>();
    List<ObjectStore.Listed> sweeps = new ArrayList<>();
    List<ObjectStore.Listed> dropped = new ArrayList<>();
    List<ObjectStore.Listed> deleted = new ArrayList<>();
    List<ObjectStore.Listed> epochs = new ArrayList<>();
    for (ObjectStore.Listed o : listing.objects()) {
      if (o.key().startsWith(MARKS)) {
        marks.add(o);
      } else if (o.key().startsWith(SWEEPS)) {
        sweeps.add(o);
      } else if (o.key().startsWith(DROPPED)) {
        dropped.add(o);
      } else if (o.key().startsWith(DELETED)) {
        deleted.add(o);
      } else if (o.key().startsWith(EPOCHS)) {
        epochs.add(o);
      }
    }
    return new View(marks, sweeps, dropped, deleted, epochs, listing.serverTime());
  }

  /**
   * Reads {@code gc/} until no gc is deleting: a push must not trust that an object it sees
   * will stay while a gc that may have missed its lease is deleting.
   */
  View readWhenNotSweeping() throws RemoteException {
    View view = read();
    while (view.sweeping()) {
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RemoteException("interrupted while a remote gc was deleting");
      }
      view = read();
    }
    return view;
  }

  /** Returns the candidates of {@code mark}; empty when it vanished (a gc finished with it). */
  @SuppressWarnings("unchecked")
  Set<String> candidates(String mark) throws RemoteException {
    Set<String> known = candidates.get(mark);
    if (known != null) {
      return known;
    }
    var bytes = objects.get(mark);
    if (bytes.isEmpty()) {
      return Set.of();
    }
    Set<String> keys = new LinkedHashSet<>();
    try {
      Map<String, Object> json = (Map<String, Object>) JsonReader.parse(new String(bytes.get(), StandardCharsets.UTF_8));
      for (Object key : (List<Object>) json.get("candidates")) {
        keys.add((String) key);
      }
    } catch (RuntimeException e) {
      throw new RemoteException("remote object " + mark + " is not a gc mark: " + e.getMessage(), e);
    }
    candidates.put(mark, keys);
    return keys;
  }

  /** Returns the objects tombstone {@code key} names; empty when it is unreadable or gone. */
  @SuppressWarnings("unchecked")
  java.util.Optional<Set<String>> deletedBy(String key) throws RemoteException {
    var bytes = objects.get(key);
    if (bytes.isEmpty()) {
      return java.util.Optional.empty();
    }
    try {
      Map<String, Object> json = (Map<String, Object>) JsonReader.parse(new String(bytes.get(), StandardCharsets.UTF_8));
      Set<String> keys = new LinkedHashSet<>();
      for (Object o : (List<Object>) json.get("objects")) {
        keys.add((String) o);
      }
      return java.util.Optional.of(keys);
    } catch (RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  /** Returns every object any of {@code marks} names. */
  Set<String> candidates(Collection<String> marks) throws RemoteException {
    Set<String> all = new LinkedHashSet<>();
    for (String mark : marks) {
      all.addAll(candidates(mark));
    }
    return all;
  }


  /** The JSON of a gc object: its format and one list, {@code field}. */
  static byte[] body(String field, Collection<String> items) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", 1);
    json.put(field, new ArrayList<>(items));
    return Json.writeCompact(json).getBytes(StandardCharsets.UTF_8);
  }

  /** The time an epoch object carries in its name, {@code gc/epoch/<epoch seconds>}. */
  static java.util.Optional<Instant> epochOf(String key) {
    try {
      return java.util.Optional.of(Instant.ofEpochSecond(Long.parseLong(key.substring(EPOCHS.length()))));
    } catch (RuntimeException e) {
      return java.util.Optional.empty(); // not written by btsnap: ignored
    }
  }

  static Duration limit(String sweepKey) {
    return seconds(sweepKey, Duration.ofHours(1)); // unreadable: assume the longest a sweep may take
  }

  /** The duration a lease or sweep object carries in its name, {@code <seconds>-<uuid>}. */
  static Duration seconds(String key, Duration unreadable) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    try {
      return Duration.ofSeconds(Long.parseLong(name.substring(0, name.indexOf('-'))));
    } catch (RuntimeException e) {
      return unreadable;
    }
  }
}
