package io.btsnap.remote;

import io.btsnap.json.JsonReader;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.RetentionPolicy;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Remote gc, in two phases across runs so it never blocks a push nor deletes what one needs.
 * Each gc first sweeps: it deletes the candidates of marks older than the margin that every
 * live lease has seen, unless now referenced or kept by a lease; then applies retention
 * (rewriting the segments that held dropped runs); then marks what nothing references. While
 * it deletes, a {@code gc/sweeps/} object tells pushes to wait: a push that took its lease after
 * the sweep read the leases would otherwise trust an object about to go.
 */
final class RemoteGc {
  private final ObjectStore objects;
  private final Remote remote;
  private final GcFolder gc;
  /** Manifests read by this gc: its sweep and its mark phase both need their blobs. */
  private final Map<BlobId, Manifest> manifests = new java.util.concurrent.ConcurrentHashMap<>();

  RemoteGc(ObjectStore objects, Remote remote) {
    this.objects = objects;
    this.remote = remote;
    this.gc = new GcFolder(objects);
  }

  private record LiveLease(String key, Set<String> seen, Set<String> keep) {}

  Remote.GcReport run(RetentionPolicy policy, Duration margin, Duration sweepLimit, Duration tombstoneExpiry, boolean dryRun)
      throws IOException {
    long start = System.nanoTime();
    GcFolder.View view = gc.read();
    List<LiveLease> leases = liveLeases(view.serverTime(), dryRun);
    // Pushes wait while a sweep object exists: it is written only when a mark can be swept.
    boolean sweep = !dryRun && sweepable(view, leases, margin);
    String sweepKey = GcFolder.SWEEPS + sweepLimit.toSeconds() + "-" + UUID.randomUUID();
    if (sweep) {
      start = System.nanoTime();
      objects.put(sweepKey, "{\"format\":1}".getBytes(StandardCharsets.UTF_8));
      // Leases are read again after the sweep object exists and before the runs: a push not
      // among these leases either wrote its segment before the runs are read or waits for this sweep.
      view = gc.read();
      leases = liveLeases(view.serverTime(), false);
    }
    try {
      Instant serverNow = view.serverTime();
      Set<String> kept = new HashSet<>();
      leases.forEach(l -> kept.addAll(l.keep()));

      Map<String, List<Run>> segments = remote.segments();
      Map<RunId, Run> runs = new LinkedHashMap<>();
      segments.values().forEach(s -> s.forEach(r -> runs.putIfAbsent(r.id(), r)));
      List<RetentionPolicy.Decision> decisions = policy.select(new ArrayList<>(runs.values()), Instant.now());
      Set<RunId> dropped = new LinkedHashSet<>();
      decisions.stream().filter(d -> !d.keep()).forEach(d -> dropped.add(d.run().id()));

      Map<String, ObjectStore.Listed> present = new HashMap<>();
      objects.listing("blobs/").objects().forEach(o -> present.put(o.key(), o));
      objects.listing("manifests/").objects().forEach(o -> present.put(o.key(), o));
      // Referenced before retention: the sweep spares what any listed run names; what retention
      // drops now is marked below and deleted by a later gc.
      Set<String> referenced = referenced(runs.values(), present);

      Sweep swept = new Sweep();
      swept.plan(view, leases, margin, present, referenced, kept, sweep || dryRun);
      swept.execute(present, start + sweepLimit.toNanos() / 2, dryRun);
      swept.deleted.forEach(present::remove);

      if (!dropped.isEmpty() && !dryRun) {
        drop(segments, dropped);
      }
      List<Run> keptRuns = runs.values().stream().filter(r -> !dropped.contains(r.id())).toList();
      Set<String> stillReferenced = referenced(keptRuns, present);
      Instant oldEnough = serverNow.minus(margin);
      TreeSet<String> marked = new TreeSet<>();
      long bytesMarked = 0;
      for (ObjectStore.Listed o : present.values()) {
        if (!stillReferenced.contains(o.key()) && !swept.stillMarked.contains(o.key()) && !kept.contains(o.key())
            && !o.modified().isAfter(oldEnough)) {
          marked.add(o.key());
          bytesMarked += o.size();
        }
      }
      if (!marked.isEmpty() && !dryRun) {
        objects.put(GcFolder.MARKS + UUID.randomUUID() + ".json", GcFolder.body("candidates", marked));
      }
      int pruned = pruneTombstones(view, tombstoneExpiry, dryRun);
      List<String> sortedDeleted = new ArrayList<>(swept.deleted);
      Collections.sort(sortedDeleted);
      return new Remote.GcReport(dryRun, decisions, List.copyOf(dropped), sortedDeleted, swept.bytes,
          List.copyOf(marked), bytesMarked, swept.waiting, pruned, objects.requests());
    } finally {
      if (sweep) {
        objects.delete(sweepKey);
      }
    }
  }

  /** The sweep of one gc: which marks it deletes the objects of, and what came of it. */
  private final class Sweep {
    final List<String> deleted = Collections.synchronizedList(new ArrayList<>());
    long bytes;
    final List<String> waiting = new ArrayList<>();
    /** Objects of marks left for a later gc: not marked again. */
    final Set<String> stillMarked = new HashSet<>();
    private final Map<String, List<String>> doomedByMark = new LinkedHashMap<>();

    /**
     * Decides, mark by mark: too young, or not seen by a live lease, and it waits; else its
     * objects that are there, unreferenced and kept by no lease are doomed (when {@code canDelete}).
     */
    void plan(GcFolder.View view, List<LiveLease> leases, Duration margin, Map<String, ObjectStore.Listed> present,
        Set<String> referenced, Set<String> kept, boolean canDelete) throws IOException {
      Set<String> claimed = new HashSet<>(); // an object in two marks is deleted once
      for (ObjectStore.Listed mark : view.marks()) {
        Duration age = Duration.between(mark.modified(), view.serverTime());
        Set<String> candidates = gc.candidates(mark.key());
        if (age.compareTo(margin) < 0) {
          waiting.add(mark.key() + ": " + candidates.size() + " objects, marked " + age.toSeconds() + "s ago; deleted by a gc once "
              + margin.toSeconds() + "s old");
          stillMarked.addAll(candidates);
        } else if (leases.stream().anyMatch(l -> !l.seen().contains(mark.key()))) {
          waiting.add(mark.key() + ": " + candidates.size() + " objects; a push in flight started before the mark; deleted by a"
              + " gc after it ends");
          stillMarked.addAll(candidates);
        } else if (canDelete) {
          doomedByMark.put(mark.key(), candidates.stream()
              .filter(k -> present.containsKey(k) && !referenced.contains(k) && !kept.contains(k) && claimed.add(k)).toList());
        } else {
          stillMarked.addAll(candidates);
        }
      }
    }

    /** Deletes the doomed objects until {@code deadline} (a dry run only counts them), then their marks. */
    void execute(Map<String, ObjectStore.Listed> present, long deadline, boolean dryRun) throws IOException {
      List<String> doomed = doomedByMark.values().stream().flatMap(List::stream).toList();
      if (dryRun) {
        deleted.addAll(doomed);
        doomed.forEach(k -> bytes += present.get(k).size());
        return;
      }
      if (!doomed.isEmpty()) {
        // Before any deletion: a push trusting its cache of what the remote holds reads this first.
        objects.put(GcFolder.DELETED + UUID.randomUUID() + ".json", GcFolder.body("objects", doomed));
      }
      for (Map.Entry<String, List<String>> mark : doomedByMark.entrySet()) {
        boolean[] late = {false};
        Parallel.each(mark.getValue(), key -> {
          if (System.nanoTime() > deadline) {
            late[0] = true; // pushes stop waiting for the sweep at its limit
            return;
          }
          objects.delete(key);
          deleted.add(key);
          synchronized (this) {
            bytes += present.get(key).size();
          }
        });
        if (late[0]) {
          waiting.add(mark.getKey() + ": the sweep reached its time limit; the next gc goes on");
          stillMarked.addAll(gc.candidates(mark.getKey()));
        } else {
          objects.delete(mark.getKey());
        }
      }
    }
  }

  /**
   * Deletes the tombstones the server wrote before {@code expiry} ago, so a push's listing of
   * {@code gc/} stays short however long the bucket lives. The epoch goes first: a store whose
   * caches read {@code gc/} before it, and so may not have read a pruned tombstone, discards them.
   */
  private int pruneTombstones(GcFolder.View view, Duration expiry, boolean dryRun) throws IOException {
    Instant epoch = view.serverTime().minus(expiry);
    List<String> expired = view.tombstones().stream().filter(t -> t.modified().isBefore(epoch)).map(ObjectStore.Listed::key).toList();
    if (expired.isEmpty() || dryRun) {
      return expired.size();
    }
    Instant previous = view.epoch().orElse(Instant.MIN);
    if (epoch.isAfter(previous)) {
      objects.put(GcFolder.EPOCHS + epoch.getEpochSecond(), "{\"format\":1}".getBytes(StandardCharsets.UTF_8));
    }
    Parallel.each(expired, objects::delete);
    for (ObjectStore.Listed old : view.epochs()) {
      if (GcFolder.epochOf(old.key()).map(e -> e.isBefore(epoch)).orElse(false)) {
        objects.delete(old.key());
      }
    }
    return expired.size();
  }

  /** Returns whether some mark is old enough and seen by every live lease. */
  private boolean sweepable(GcFolder.View view, List<LiveLease> leases, Duration margin) {
    return view.marks().stream().anyMatch(m -> Duration.between(m.modified(), view.serverTime()).compareTo(margin) >= 0
        && leases.stream().allMatch(l -> l.seen().contains(m.key())));
  }

  /** The leases the server saw written within their validity; expired ones are deleted. */
  @SuppressWarnings("unchecked")
  private List<LiveLease> liveLeases(Instant serverNow, boolean dryRun) throws IOException {
    List<LiveLease> live = new ArrayList<>();
    for (ObjectStore.Listed lease : objects.listing("leases/").objects()) {
      Duration validity = GcFolder.seconds(lease.key(), Lease.VALIDITY);
      if (!serverNow.isBefore(lease.modified().plus(validity).plusSeconds(1))) {
        if (!dryRun) {
          objects.delete(lease.key()); // its push died: it neither renewed nor deleted it
        }
        continue;
      }
      Optional<byte[]> body = objects.get(lease.key());
      if (body.isEmpty()) {
        continue; // its push ended since the listing: its segment is among the runs read next
      }
      try {
        Map<String, Object> json = (Map<String, Object>) JsonReader.parse(new String(body.get(), StandardCharsets.UTF_8));
        live.add(new LiveLease(lease.key(), strings(json.get("seen")), strings(json.get("keep"))));
      } catch (RuntimeException e) {
        // Unreadable: it has seen no mark, so no mark is swept while it lives.
        live.add(new LiveLease(lease.key(), Set.of(), Set.of()));
      }
    }
    return live;
  }

  /** The keys of the manifests {@code runs} name and of the blobs in those manifests. */
  private Set<String> referenced(java.util.Collection<Run> runs, Map<String, ObjectStore.Listed> present) throws IOException {
    Set<BlobId> manifestIds = new LinkedHashSet<>();
    runs.forEach(r -> manifestIds.add(r.manifest()));
    Set<String> keys = Collections.synchronizedSet(new HashSet<>());
    BucketLayout names = objects.layout();
    Parallel.each(new ArrayList<>(manifestIds), id -> {
      String key = names.manifest(id);
      keys.add(key);
      Manifest m = manifests.get(id);
      if (m == null) {
        Optional<byte[]> bytes = present.containsKey(key) ? objects.get(key) : Optional.empty();
        if (bytes.isEmpty()) {
          return; // a run whose manifest is missing: remote verify reports it
        }
        m = RunCodec.readManifest(id, bytes.get());
        manifests.put(id, m);
      }
      m.entries().forEach(e -> keys.add(names.blob(e.blob())));
    });
    return keys;
  }

  /**
   * Takes {@code dropped} out of the segments: a tombstone first (pushers' caches of what the
   * remote holds learn of it), then one new segment with the runs kept from those that held a
   * dropped run, then the old segments go. A reader between the two sees a run twice and merges.
   */
  private void drop(Map<String, List<Run>> segments, Set<RunId> dropped) throws IOException {
    List<String> ids = dropped.stream().map(RunId::value).toList();
    objects.put(GcFolder.DROPPED + UUID.randomUUID() + ".json",
        GcFolder.body("runs", ids));
    List<String> rewritten = new ArrayList<>();
    Map<RunId, Run> keptRuns = new LinkedHashMap<>();
    for (Map.Entry<String, List<Run>> segment : segments.entrySet()) {
      if (segment.getValue().stream().anyMatch(r -> dropped.contains(r.id()))) {
        rewritten.add(segment.getKey());
        segment.getValue().stream().filter(r -> !dropped.contains(r.id())).forEach(r -> keptRuns.putIfAbsent(r.id(), r));
      }
    }
    if (!keptRuns.isEmpty()) {
      byte[] segment = RunCodec.segment(new ArrayList<>(keptRuns.values()));
      objects.putIfAbsent(objects.layout().segment(segment), segment);
    }
    Parallel.each(rewritten, objects::delete);
  }

  private static Set<String> strings(Object list) {
    Set<String> out = new HashSet<>();
    for (Object o : (List<Object>) list) {
      out.add((String) o);
    }
    return out;
  }
}
