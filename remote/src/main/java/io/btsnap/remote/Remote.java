package io.btsnap.remote;

import io.btsnap.store.BlobId;
import io.btsnap.store.Manifest;
import io.btsnap.store.ManifestEntry;
import io.btsnap.store.Run;
import io.btsnap.store.RunId;
import io.btsnap.store.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/** One remote: push runs to it, pull runs from it, list what it holds. */
public final class Remote implements AutoCloseable {
  private static final int PARALLEL = 8;
  private static final int PULL_BATCH = 1000;
  private static final long PULL_BATCH_BYTES = 64L << 20;

  private final RemoteSpec spec;
  private final ObjectStore objects;

  private Remote(RemoteSpec spec) {
    this.spec = spec;
    this.objects = new ObjectStore(spec);
  }

  /** Opens {@code spec}; nothing is sent until a command asks. */
  public static Remote open(RemoteSpec spec) {
    return new Remote(spec);
  }

  /** Told how far a push or pull is: {@code done} of {@code total} in {@code phase}. */
  @FunctionalInterface
  public interface Progress {
    /** Reports nothing. */
    Progress NONE = (phase, done, total) -> { };

    void update(String phase, long done, long total);
  }

  private Progress progress = Progress.NONE;

  /** Returns this remote reporting its progress to {@code value}. */
  public Remote withProgress(Progress value) {
    this.progress = value;
    return this;
  }

  /** What a push or pull did. */
  public record Transfer(List<RunId> runs, int alreadyThere, long blobs, long bytes, long manifests, long requests) {}

  /** Returns the remote's runs, newest first. */
  public List<Run> runs() throws IOException {
    Map<RunId, Run> runs = new TreeMap<>(java.util.Comparator.reverseOrder());
    for (String key : objects.list("runs/")) {
      byte[] bytes = objects.get(key).orElseThrow(() -> new RemoteException("remote object " + key + " vanished while read"));
      for (Run run : RunCodec.readSegment(key, bytes)) {
        runs.putIfAbsent(run.id(), run);
      }
    }
    return new ArrayList<>(runs.values());
  }

  /**
   * Pushes {@code runs} of {@code store}: the blobs the remote lacks, then their manifests, then
   * one segment with the runs it lacks. Rerunning after any failure completes the job.
   */
  public Transfer push(Store store, List<Run> runs) throws IOException {
    KnownRuns known = KnownRuns.of(store.location(), spec.name());
    Set<RunId> there = known.read();
    if (!runs.stream().allMatch(r -> there.contains(r.id())) && there.isEmpty()) {
      // Nothing known yet (a new store, a lost cache): learn from the bucket once.
      runs().forEach(r -> there.add(r.id()));
      known.add(there);
    }
    List<Run> missing = runs.stream().filter(r -> !there.contains(r.id())).toList();
    Map<BlobId, Manifest> manifests = new LinkedHashMap<>();
    for (Run run : missing) {
      if (!manifests.containsKey(run.manifest())) {
        manifests.put(run.manifest(), store.manifest(run));
      }
    }
    Set<String> blobKeys = new java.util.HashSet<>(objects.list("blobs/"));
    Set<BlobId> blobs = new LinkedHashSet<>();
    for (Manifest m : manifests.values()) {
      for (ManifestEntry e : m.entries()) {
        if (!blobKeys.contains(blobKey(e.blob()))) {
          blobs.add(e.blob());
        }
      }
    }
    long[] bytes = {0};
    long[] sent = {0};
    parallel(new ArrayList<>(blobs), id -> {
      byte[] content = store.blob(id);
      objects.putIfAbsent(blobKey(id), content);
      synchronized (bytes) {
        bytes[0] += content.length;
        progress.update("pushing blobs", ++sent[0], blobs.size());
      }
    });
    Set<String> manifestKeys = new java.util.HashSet<>(objects.list("manifests/"));
    List<Manifest> newManifests = manifests.values().stream().filter(m -> !manifestKeys.contains(manifestKey(m.id()))).toList();
    parallel(newManifests, m -> objects.putIfAbsent(manifestKey(m.id()), RunCodec.manifest(m)));
    if (!missing.isEmpty()) {
      byte[] segment = RunCodec.segment(missing);
      objects.putIfAbsent("runs/" + BlobId.of(segment).hex() + ".json", segment);
      known.add(missing.stream().map(Run::id).toList());
    }
    return new Transfer(missing.stream().map(Run::id).toList(), runs.size() - missing.size(), blobs.size(), bytes[0],
        newManifests.size(), objects.requests());
  }

  /**
   * Pulls the remote's runs that {@code wanted} accepts and {@code store} lacks. Every manifest
   * and blob is checked against its hash before anything of its run is stored; a run becomes
   * visible whole or not at all.
   */
  public Transfer pull(Store store, Predicate<Run> wanted) throws IOException {
    List<Run> pulled = new ArrayList<>();
    int already = 0;
    long blobs = 0;
    long bytes = 0;
    Map<BlobId, Manifest> manifests = new LinkedHashMap<>();
    List<Run> chosen = new ArrayList<>(runs());
    java.util.Collections.reverse(chosen); // oldest first, as they were captured
    long total = chosen.stream().filter(wanted).count();
    long seen = 0;
    // Runs go into the store a batch at a time, one durable commit each.
    Map<Run, Manifest> batch = new LinkedHashMap<>();
    Map<BlobId, byte[]> batchContents = new LinkedHashMap<>();
    for (Run run : chosen) {
      if (!wanted.test(run)) {
        continue;
      }
      progress.update("pulling runs", ++seen, total);
      if (store.hasRun(run.id())) {
        already++;
        continue;
      }
      Manifest manifest = manifests.get(run.manifest());
      if (manifest == null) {
        String key = manifestKey(run.manifest());
        byte[] text = objects.get(key).orElseThrow(() -> new RemoteException(
            "remote " + spec.name() + " lacks manifest " + run.manifest().hex() + " of run " + run.id()));
        manifest = RunCodec.readManifest(run.manifest(), text);
        manifests.put(run.manifest(), manifest);
      }
      List<BlobId> needed = new ArrayList<>();
      for (ManifestEntry e : manifest.entries()) {
        if (!needed.contains(e.blob()) && !batchContents.containsKey(e.blob()) && !store.hasBlob(e.blob())) {
          needed.add(e.blob());
        }
      }
      Map<BlobId, byte[]> contents = new java.util.concurrent.ConcurrentHashMap<>();
      parallel(needed, id -> {
        String key = blobKey(id);
        byte[] content = objects.get(key).orElseThrow(() -> new RemoteException(
            "remote " + spec.name() + " lacks " + key + " of run " + run.id()));
        if (!BlobId.of(content).equals(id)) {
          throw new RemoteException("remote object " + key + " of run " + run.id() + " does not hash to its name:"
              + " damaged or truncated; nothing of that run was stored");
        }
        contents.put(id, content);
      });
      for (byte[] c : contents.values()) {
        bytes += c.length;
      }
      blobs += contents.size();
      batch.put(run, manifest);
      batchContents.putAll(contents);
      pulled.add(run);
      if (batch.size() >= PULL_BATCH || batchContents.values().stream().mapToLong(c -> c.length).sum() > PULL_BATCH_BYTES) {
        store.addRuns(batch, batchContents);
        batch.clear();
        batchContents.clear();
      }
    }
    if (!batch.isEmpty()) {
      store.addRuns(batch, batchContents);
    }
    KnownRuns.of(store.location(), spec.name()).add(chosen.stream().map(Run::id).toList());
    return new Transfer(pulled.stream().map(Run::id).toList(), already, blobs, bytes, manifests.size(), objects.requests());
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
        byte[] bytes = objects.get(key).orElseThrow(() -> new RemoteException("vanished while read"));
        RunCodec.readSegment(key, bytes).forEach(r -> runs.putIfAbsent(r.id(), r));
      } catch (RemoteException e) {
        problems.add(key + ": " + e.getMessage());
      }
    }
    Set<String> manifestKeys = new java.util.HashSet<>(objects.list("manifests/"));
    Set<String> blobKeys = new java.util.HashSet<>(objects.list("blobs/"));
    Map<BlobId, Manifest> manifests = new LinkedHashMap<>();
    Set<BlobId> blobs = new LinkedHashSet<>();
    for (Run run : runs.values()) {
      if (manifests.containsKey(run.manifest())) {
        continue;
      }
      String key = manifestKey(run.manifest());
      if (!manifestKeys.contains(key)) {
        problems.add("run " + run.id() + ": manifest " + key + " is missing");
        continue;
      }
      try {
        Manifest m = RunCodec.readManifest(run.manifest(), objects.get(key).orElseThrow(() -> new RemoteException("vanished")));
        manifests.put(run.manifest(), m);
        m.entries().forEach(e -> blobs.add(e.blob()));
      } catch (RemoteException e) {
        problems.add(key + ": " + e.getMessage());
      }
    }
    List<BlobId> present = new ArrayList<>();
    for (BlobId id : blobs) {
      if (blobKeys.contains(blobKey(id))) {
        present.add(id);
      } else {
        problems.add(blobKey(id) + " is missing");
      }
    }
    if (readData) {
      parallel(present, id -> {
        Optional<byte[]> content = objects.get(blobKey(id));
        if (content.isEmpty() || !BlobId.of(content.get()).equals(id)) {
          problems.add(blobKey(id) + (content.isEmpty() ? " is missing" : " does not hash to its name: damaged or truncated"));
        }
      });
    }
    List<String> sorted = new ArrayList<>(problems);
    java.util.Collections.sort(sorted);
    return new VerifyReport(runs.size(), manifests.size(), blobs.size(), sorted);
  }

  static String blobKey(BlobId id) {
    return "blobs/" + id.hex().substring(0, 2) + "/" + id.hex();
  }

  static String manifestKey(BlobId id) {
    return "manifests/" + id.hex();
  }

  private interface Work<T> {
    void run(T item) throws IOException;
  }

  /** Runs {@code work} on every item, eight at a time; the first failure is thrown once all are done. */
  private static <T> void parallel(List<T> items, Work<T> work) throws IOException {
    if (items.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, items.size()));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> {
          work.run(item);
          return null;
        }));
      }
      IOException first = null;
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (first == null) {
            first = e.getCause() instanceof IOException io ? io : new RemoteException(String.valueOf(e.getCause()), e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new RemoteException("interrupted");
        }
      }
      if (first != null) {
        throw first;
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Override
  public void close() {
    objects.close();
  }
}
