package io.btsnap.remote;

import io.btsnap.store.Store;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/** One remote: push runs to it, pull runs from it, list what it holds. */
public final class Remote implements AutoCloseable {
  private final RemoteSpec spec;
  private final ObjectStore objects;

  private Remote(RemoteSpec spec, Credentials credentials, Passphrase passphrase) {
    this.spec = spec;
    this.objects = new ObjectStore(spec, credentials, passphrase);
  }

  /** Opens plain remote {@code spec}; nothing is sent until a command asks. */
  public static Remote open(RemoteSpec spec) {
    return new Remote(spec, Credentials.DEFAULT, Passphrase.NONE);
  }

  /** Opens plain remote {@code spec} with credentials from another process's environment. */
  public static Remote open(RemoteSpec spec, Credentials credentials) {
    return new Remote(spec, credentials, Passphrase.NONE);
  }

  /**
   * Opens {@code spec}; when it is encrypted, its first object call reads {@code passphrase} and
   * unlocks it, once for this remote's life.
   */
  public static Remote open(RemoteSpec spec, Credentials credentials, Passphrase passphrase) {
    return new Remote(spec, credentials, passphrase);
  }

  /** The remote's key objects; for an encrypted remote only. */
  public Keyring keyring() {
    return new Keyring(objects);
  }

  /** Unlocks an encrypted remote now (a plain one needs nothing); for timing and early errors. */
  public void unlock() throws IOException {
    objects.layout();
  }

  /** Told how far a push or pull is: {@code done} of {@code total} in {@code phase}. */
  @FunctionalInterface
  public interface Progress {
    /** Reports nothing. */
    Progress NONE = (phase, done, total) -> { };

    void update(String phase, long done, long total);
  }

  private Progress progress = Progress.NONE;
  private java.time.Duration leaseValidity = Lease.VALIDITY;

  /** Returns this remote giving its pushes' leases {@code value}; gc treats a lease silent that long as dead. */
  public Remote withLeaseValidity(java.time.Duration value) {
    this.leaseValidity = value;
    return this;
  }

  /** Returns this remote reporting its progress to {@code value}. */
  public Remote withProgress(Progress value) {
    this.progress = value;
    return this;
  }

  /**
   * What a push or pull did. {@code requests} counts those this remote's client has sent so far,
   * and {@code unlockMillis} the time it spent unlocking an encrypted remote (deriving keys
   * from the passphrase with argon2id), once per client; both cover the process's whole use of it.
   */
  public record Transfer(List<RunId> runs, int alreadyThere, long blobs, long bytes, long manifests, long requests,
      long unlockMillis) {}

  /** Returns the remote's runs, newest first. */
  public List<Run> runs() throws IOException {
    Map<RunId, Run> runs = new TreeMap<>(java.util.Comparator.reverseOrder());
    for (List<Run> segment : segments().values()) {
      segment.forEach(run -> runs.putIfAbsent(run.id(), run));
    }
    return new ArrayList<>(runs.values());
  }

  /**
   * Reads every segment, by key. A segment that vanishes between the listing and its read was
   * replaced by a gc's retention (the new one is written first): the listing is read again.
   */
  Map<String, List<Run>> segments() throws IOException {
    Map<String, List<Run>> segments = new TreeMap<>();
    for (int attempt = 0; ; attempt++) {
      boolean vanished = false;
      for (String key : objects.list("runs/")) {
        if (segments.containsKey(key)) {
          continue;
        }
        Optional<byte[]> bytes = objects.get(key);
        if (bytes.isEmpty()) {
          vanished = true;
          continue;
        }
        segments.put(key, RunCodec.readSegment(key, bytes.get()));
      }
      if (!vanished) {
        return segments;
      }
      if (attempt == 4) {
        throw new RemoteException("remote " + spec.name() + ": run segments keep vanishing while read; try again");
      }
      segments.keySet().retainAll(objects.list("runs/"));
    }
  }

  /**
   * Pushes {@code runs} of {@code store}: the blobs the remote lacks, then their manifests, then
   * one segment with the runs it lacks. Rerunning after any failure completes the job. A lease
   * keeps a remote gc from deleting what the push relies on (docs/remote.md, "Remote gc").
   */
  public Transfer push(Store store, List<Run> runs) throws IOException {
    return new Push(this, spec, objects, progress, leaseValidity).run(store, runs);
  }

  /**
   * Pulls the remote's runs that {@code wanted} accepts and {@code store} lacks. Every manifest
   * and blob is checked against its hash before anything of its run is stored; a run becomes
   * visible whole or not at all.
   */
  public Transfer pull(Store store, Predicate<Run> wanted) throws IOException {
    return new Pull(this, spec, objects, progress).run(store, wanted);
  }

  /**
   * What a remote gc did, or with {@code dryRun} would do now.
   *
   * @param dryRun whether nothing was changed
   * @param decisions the retention policy's decision on every remote run, newest first
   * @param droppedRuns runs taken out of the segments
   * @param deleted keys of the objects deleted (marked by an earlier gc, still unreferenced)
   * @param bytesDeleted their sizes
   * @param marked keys of the objects found unreferenced now, for a later gc to delete
   * @param bytesMarked their sizes
   * @param waiting one line per earlier mark not swept yet, and why
   * @param tombstonesPruned tombstones of earlier gcs deleted, being older than the expiry
   * @param requests requests sent
   */
  public record GcReport(
      boolean dryRun, List<io.btsnap.store.model.RetentionPolicy.Decision> decisions, List<RunId> droppedRuns, List<String> deleted,
      long bytesDeleted, List<String> marked, long bytesMarked, List<String> waiting, int tombstonesPruned,
      long requests) {}

  /** How long gc keeps its tombstones by default; a store that pushes less often rereads the bucket. */
  public static final java.time.Duration TOMBSTONE_EXPIRY = java.time.Duration.ofDays(30);

  /**
   * Applies {@code policy} to the remote's runs and collects garbage in two phases: objects
   * unreferenced now are marked, and deleted by a later gc once the mark is {@code margin} old,
   * every push in flight has seen it, and they are still unreferenced. {@code sweepLimit} bounds
   * how long pushes wait for a gc that is deleting. Tombstones are kept for {@link #TOMBSTONE_EXPIRY}.
   */
  public GcReport gc(io.btsnap.store.model.RetentionPolicy policy, java.time.Duration margin, java.time.Duration sweepLimit,
      boolean dryRun) throws IOException {
    return gc(policy, margin, sweepLimit, TOMBSTONE_EXPIRY, dryRun);
  }

  /**
   * As {@link #gc(io.btsnap.store.model.RetentionPolicy, java.time.Duration, java.time.Duration, boolean)}, and
   * deletes the tombstones of earlier gcs the server wrote more than {@code tombstoneExpiry} ago,
   * after writing a gc epoch: a store whose caches last read the tombstones before it discards them.
   */
  public GcReport gc(io.btsnap.store.model.RetentionPolicy policy, java.time.Duration margin, java.time.Duration sweepLimit,
      java.time.Duration tombstoneExpiry, boolean dryRun) throws IOException {
    return new RemoteGc(objects, this).run(policy, margin, sweepLimit, tombstoneExpiry, dryRun);
  }

  /** What {@link #verify} found: counts, and one line per problem. */
  public record VerifyReport(long runs, long manifests, long blobs, List<String> problems) {
    /** Returns whether nothing is wrong. */
    public boolean isClean() {
      return problems.isEmpty();
    }
  }

  /**
   * Checks that every run's manifest and every manifest's blobs are in the bucket, and that each
   * manifest hashes to its name; with {@code readData}, downloads and re-hashes every blob too.
   */
  public VerifyReport verify(boolean readData) throws IOException {
    List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    Map<RunId, Run> runs = new TreeMap<>();
    for (String key : objects.list("runs/")) {
      try {
        Optional<byte[]> bytes = objects.get(key);
        if (bytes.isPresent()) { // else replaced by a gc's retention since the listing
          RunCodec.readSegment(key, bytes.get()).forEach(r -> runs.putIfAbsent(r.id(), r));
        }
      } catch (RemoteException e) {
        problems.add(key + ": " + e.getMessage());
      }
    }
    BucketLayout names = objects.layout();
    Set<String> manifestKeys = new java.util.HashSet<>(objects.list("manifests/"));
    Set<String> blobKeys = new java.util.HashSet<>(objects.list("blobs/"));
    Map<BlobId, Manifest> manifests = new LinkedHashMap<>();
    Set<BlobId> blobs = new LinkedHashSet<>();
    Set<BlobId> tried = new java.util.HashSet<>(); // a bad manifest is reported once, not once per run
    for (Run run : runs.values()) {
      if (manifests.containsKey(run.manifest()) || !tried.add(run.manifest())) {
        continue;
      }
      String key = names.manifest(run.manifest());
      if (!manifestKeys.contains(key)) {
        problems.add("run " + run.id() + ": manifest " + run.manifest().hex() + " (" + key + ") is missing");
        continue;
      }
      try {
        Manifest m = RunCodec.readManifest(run.manifest(), objects.get(key).orElseThrow(() -> new RemoteException("vanished")));
        manifests.put(run.manifest(), m);
        m.entries().forEach(e -> blobs.add(e.blob()));
      } catch (ObjectAuthenticationException e) {
        problems.add("manifest " + run.manifest().hex() + " (" + names.root() + key + ") failed authentication: damaged, tampered"
            + " with or swapped");
      } catch (RemoteException e) {
        problems.add(key + ": " + e.getMessage());
      }
    }
    List<BlobId> present = new ArrayList<>();
    for (BlobId id : blobs) {
      if (blobKeys.contains(names.blob(id))) {
        present.add(id);
      } else {
        problems.add(describe(names, id) + " is missing");
      }
    }
    if (readData) {
      Parallel.each(present, id -> {
        Optional<byte[]> content;
        try {
          content = objects.get(names.blob(id));
        } catch (ObjectAuthenticationException e) {
          problems.add(describe(names, id) + " failed authentication: damaged, tampered with or swapped");
          return;
        }
        if (content.isEmpty() || !BlobId.of(content.get()).equals(id)) {
          problems.add(describe(names, id) + (content.isEmpty() ? " is missing" : " does not hash to its name: damaged or truncated"));
        }
      });
    }
    List<String> sorted = new ArrayList<>(problems);
    java.util.Collections.sort(sorted);
    return new VerifyReport(runs.size(), manifests.size(), blobs.size(), sorted);
  }

  /** A blob as a message names it: by its key in a plain remote, by its hash and key in an encrypted one. */
  static String describe(BucketLayout names, BlobId id) {
    return names instanceof PlainLayout ? names.blob(id) : "blob " + id.hex() + " (" + names.root() + names.blob(id) + ")";
  }

  @Override
  public void close() {
    objects.close();
  }
}
