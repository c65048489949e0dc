package io.btsnap.remote;

import io.btsnap.store.Store;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One push: under a lease, the blobs and manifests the remote lacks, then one segment with the
 * runs it lacks (docs/remote.md, "Remote gc", for why a push and a gc can run at once).
 */
final class Push {
  private final Remote remote;
  private final RemoteSpec spec;
  private final ObjectStore objects;
  private final Remote.Progress progress;
  private final Duration leaseValidity;

  Push(Remote remote, RemoteSpec spec, ObjectStore objects, Remote.Progress progress, Duration leaseValidity) {
    this.remote = remote;
    this.spec = spec;
    this.objects = objects;
    this.progress = progress;
    this.leaseValidity = leaseValidity;
  }

  Remote.Transfer run(Store store, List<Run> runs) throws IOException {
    if (runs.isEmpty()) {
      return new Remote.Transfer(List.of(), 0, 0, 0, 0, objects.requests(), objects.unlockMillis());
    }
    KnownRuns known = KnownRuns.of(store.location(), spec.name());
    GcFolder gc = new GcFolder(objects);
    List<Run> missing;
    long[] sent = {0, 0, 0}; // blobs, bytes, manifests
    KnownObjects cache = KnownObjects.read(store.location(), spec.name());
    CacheSync sync = CacheSync.of(store.location(), spec.name());
    Instant synced;
    // The lease comes first: every read of gc/ below is then one a remote gc can rely on.
    try (Lease lease = Lease.take(objects, leaseValidity)) {
      GcFolder.View view = gc.readWhenNotSweeping();
      synced = view.serverTime();
      if (sync.staleFor(view.epoch())) {
        // gc pruned tombstones this store's caches never read: what they say may be gone.
        known.clear();
        cache.clear();
      }
      known.forgetIfDropped(view.dropped().stream().map(ObjectStore.Listed::key).toList());
      List<RunId> ids = runs.stream().map(Run::id).toList();
      Set<RunId> there = known.knownAmong(ids);
      if (there.size() < new java.util.HashSet<>(ids).size() && known.isEmpty()) {
        // Nothing known yet (a new store, a lost cache): learn from the bucket once.
        List<RunId> all = remote.runs().stream().map(Run::id).toList();
        there.addAll(all);
        known.add(all);
      }
      missing = runs.stream().filter(r -> !there.contains(r.id())).toList();
      if (missing.isEmpty()) {
        readTombstones(gc, view, cache);
        sync.write(synced);
        return new Remote.Transfer(List.of(), runs.size(), 0, 0, 0, objects.requests(), objects.unlockMillis());
      }
      Map<BlobId, Manifest> manifests = new LinkedHashMap<>();
      for (Run run : missing) {
        if (!manifests.containsKey(run.manifest())) {
          manifests.put(run.manifest(), store.manifest(run));
        }
      }
      BucketLayout names = objects.layout();
      Set<String> neededBlobs = new LinkedHashSet<>();
      manifests.values().forEach(m -> m.entries().forEach(e -> neededBlobs.add(names.blob(e.blob()))));
      Set<String> neededManifests = new LinkedHashSet<>();
      manifests.keySet().forEach(id -> neededManifests.add(names.manifest(id)));
      for (int attempt = 0; ; attempt++) {
        if (attempt > 0) {
          view = gc.readWhenNotSweeping();
          if (view.epoch().isPresent() && view.epoch().get().isAfter(synced)) {
            cache.clear();
          }
        }
        if (!view.marks().isEmpty() || attempt > 0) {
          Set<String> marked = gc.candidates(view.markKeys());
          Set<String> keep = new LinkedHashSet<>();
          neededBlobs.stream().filter(marked::contains).forEach(keep::add);
          neededManifests.stream().filter(marked::contains).forEach(keep::add);
          lease.record(view.markKeys(), keep);
        }
        readTombstones(gc, view, cache);
        sendObjects(store, names, manifests, neededBlobs, neededManifests, sent, cache);
        if (lease.fresh()) {
          break;
        }
        if (attempt == 2) {
          throw new RemoteException("remote " + spec.name() + ": the push outlasted its lease three times (a slow or"
              + " paused link?); nothing is lost, push again");
        }
      }
      byte[] segment = RunCodec.segment(missing);
      objects.putIfAbsent(names.segment(segment), segment);
    }
    known.add(missing.stream().map(Run::id).toList());
    sync.write(synced);
    return new Remote.Transfer(missing.stream().map(Run::id).toList(), runs.size() - missing.size(), sent[0], sent[1], sent[2],
        objects.requests(), objects.unlockMillis());
  }

  /**
   * Writes the blobs, then the manifests, that the remote lacks: known from the store's cache of
   * what it holds when that names them all, else from a listing.
   */
  private void sendObjects(Store store, BucketLayout names, Map<BlobId, Manifest> manifests, Set<String> neededBlobs, Set<String> neededManifests,
      long[] sent, KnownObjects cache) throws IOException {
    Set<String> blobKeys = present("blobs/", neededBlobs, cache);
    Set<BlobId> blobs = new LinkedHashSet<>();
    for (Manifest m : manifests.values()) {
      for (ManifestEntry e : m.entries()) {
        if (!blobKeys.contains(names.blob(e.blob()))) {
          blobs.add(e.blob());
        }
      }
    }
    long[] done = {0};
    Parallel.each(new ArrayList<>(blobs), id -> {
      byte[] content = store.blob(id);
      objects.putIfAbsent(names.blob(id), content);
      synchronized (sent) {
        sent[0]++;
        sent[1] += content.length;
        progress.update("pushing blobs", ++done[0], blobs.size());
      }
    });
    cache.add(blobs.stream().map(names::blob).toList());
    Set<String> manifestKeys = present("manifests/", neededManifests, cache);
    List<Manifest> newManifests = manifests.values().stream().filter(m -> !manifestKeys.contains(names.manifest(m.id()))).toList();
    Parallel.each(newManifests, m -> objects.putIfAbsent(names.manifest(m.id()), RunCodec.manifest(m)));
    cache.add(newManifests.stream().map(m -> names.manifest(m.id())).toList());
    sent[2] += newManifests.size();
  }

  /** The keys under {@code folder} the remote holds, as far as {@code needed} goes. */
  private Set<String> present(String folder, Set<String> needed, KnownObjects cache) throws IOException {
    if (cache.containsAll(needed)) {
      return needed;
    }
    List<String> listed = objects.list(folder);
    cache.listed(folder, listed);
    return new java.util.HashSet<>(listed);
  }

  /**
   * Makes {@code cache} forget what the gc tombstones in {@code view} it has not read name. An
   * empty cache remembers nothing to forget, so it only notes them as read.
   */
  private void readTombstones(GcFolder gc, GcFolder.View view, KnownObjects cache) throws IOException {
    List<String> listed = view.deleted().stream().map(ObjectStore.Listed::key).toList();
    Set<String> gone = new LinkedHashSet<>();
    for (String tombstone : cache.isEmpty() ? List.<String>of() : cache.unseen(listed)) {
      Optional<Set<String>> named = gc.deletedBy(tombstone);
      if (named.isEmpty()) {
        cache.clear(); // unreadable: trust nothing remembered
        break;
      }
      gone.addAll(named.get());
    }
    cache.forget(listed, gone);
  }
}
