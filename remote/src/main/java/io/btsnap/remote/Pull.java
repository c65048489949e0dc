package io.btsnap.remote;

import io.btsnap.store.Store;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.Run;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** One pull: runs, their manifests and blobs, each checked against its hash before it is stored. */
final class Pull {
  private static final int BATCH = 1000;
  private static final long BATCH_BYTES = 64L << 20;

  private final Remote remote;
  private final RemoteSpec spec;
  private final ObjectStore objects;
  private final Remote.Progress progress;

  Pull(Remote remote, RemoteSpec spec, ObjectStore objects, Remote.Progress progress) {
    this.remote = remote;
    this.spec = spec;
    this.objects = objects;
    this.progress = progress;
  }

  Remote.Transfer run(Store store, Predicate<Run> wanted) throws IOException {
    List<Run> pulled = new ArrayList<>();
    int already = 0;
    long blobs = 0;
    long bytes = 0;
    Map<BlobId, Manifest> manifests = new LinkedHashMap<>();
    List<Run> chosen = new ArrayList<>(remote.runs());
    BucketLayout names = objects.layout();
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
        String key = names.manifest(run.manifest());
        byte[] text;
        try {
          text = objects.get(key).orElseThrow(() -> new RemoteException(
              "remote " + spec.name() + " lacks manifest " + run.manifest().hex() + " of run " + run.id()));
        } catch (ObjectAuthenticationException e) {
          throw new RemoteException("remote " + spec.name() + ": manifest " + run.manifest().hex() + " of run " + run.id()
              + " failed authentication: damaged, tampered with or swapped; nothing of that run was stored", e);
        }
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
      Parallel.each(needed, id -> {
        String key = names.blob(id);
        byte[] content;
        try {
          content = objects.get(key).orElseThrow(() -> new RemoteException(
              "remote " + spec.name() + " lacks " + Remote.describe(names, id) + " of run " + run.id()));
        } catch (ObjectAuthenticationException e) {
          throw new RemoteException("remote " + spec.name() + ": " + Remote.describe(names, id) + " of run " + run.id()
              + " failed authentication: damaged, tampered with or swapped; nothing of that run was stored", e);
        }
        if (!BlobId.of(content).equals(id)) {
          throw new RemoteException("remote object " + Remote.describe(names, id) + " of run " + run.id() + " does not hash to its name:"
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
      if (batch.size() >= BATCH || batchContents.values().stream().mapToLong(c -> c.length).sum() > BATCH_BYTES) {
        store.addRuns(batch, batchContents);
        batch.clear();
        batchContents.clear();
      }
    }
    if (!batch.isEmpty()) {
      store.addRuns(batch, batchContents);
    }
    KnownRuns.of(store.location(), spec.name()).add(chosen.stream().map(Run::id).toList());
    return new Remote.Transfer(pulled.stream().map(Run::id).toList(), already, blobs, bytes, manifests.size(), objects.requests(),
        objects.unlockMillis());
  }
}
