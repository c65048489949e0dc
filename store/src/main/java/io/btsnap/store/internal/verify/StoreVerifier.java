package io.btsnap.store.internal.verify;

import io.btsnap.store.internal.StoreLayout;
import io.btsnap.store.internal.blob.BlobFiles;
import io.btsnap.store.internal.blob.TempFileOwner;
import io.btsnap.store.internal.index.BlobRecord;
import io.btsnap.store.internal.index.Index;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.EngineEntry;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.OrphanFile;
import io.btsnap.store.model.Problem;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.VerifyReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks every invariant of the store: each listed blob has its file and the file hashes to its
 * name; each run's manifest exists; each manifest's blobs are listed; reference counts equal the
 * references. Files nothing references are reported as reclaimable, not as problems.
 */
public final class StoreVerifier {
  private final StoreLayout layout;
  private final Index index;
  private final BlobFiles blobFiles;

  /** Creates a verifier of the store at {@code layout}. */
  public StoreVerifier(StoreLayout layout, Index index, BlobFiles blobFiles) {
    this.layout = layout;
    this.index = index;
    this.blobFiles = blobFiles;
  }

  /** Runs every check and returns all it found. */
  public VerifyReport verify() throws IOException {
    IndexSnapshot snapshot = index.read(IndexSnapshot::read);
    List<Problem> problems = new ArrayList<>(checkReferences(snapshot));
    List<BlobId> inTrash = new ArrayList<>();
    problems.addAll(checkBlobFiles(snapshot.blobs(), inTrash));
    StorePermissions.check(layout.root(), blobFiles.access()).ifPresent(problems::add);
    List<OrphanFile> orphans = findOrphans(snapshot.blobs(), inTrash);
    List<EngineEntry> engineEntries = snapshot.runs().stream().flatMap(r -> EngineEntry.of(r).stream()).toList();
    return new VerifyReport(snapshot.runs().size(), snapshot.manifests().size(), snapshot.blobs().size(), problems, orphans,
        inTrash, engineEntries);
  }

  private static List<Problem> checkReferences(IndexSnapshot snapshot) {
    List<Problem> problems = new ArrayList<>();
    Map<BlobId, Long> manifestRefs = new TreeMap<>();
    for (Run run : snapshot.runs()) {
      if (!snapshot.manifests().containsKey(run.manifest())) {
        problems.add(new Problem.MissingManifest(run.id(), run.manifest()));
      }
      manifestRefs.merge(run.manifest(), 1L, Long::sum);
    }
    Map<BlobId, Long> blobRefs = new TreeMap<>();
    for (Manifest manifest : snapshot.manifests().values()) {
      for (ManifestEntry entry : manifest.entries()) {
        if (!snapshot.blobs().containsKey(entry.blob())) {
          problems.add(new Problem.UnlistedBlob(manifest.id(), entry.path().value(), entry.blob()));
        }
        blobRefs.merge(entry.blob(), 1L, Long::sum);
      }
    }
    Map<BlobId, Long> recordedManifestRefs = new TreeMap<>(snapshot.manifestRefCounts());
    for (BlobId id : snapshot.manifests().keySet()) {
      recordedManifestRefs.putIfAbsent(id, 0L);
    }
    compareCounts("manifest", recordedManifestRefs, manifestRefs, problems);
    Map<BlobId, Long> recordedBlobRefs = new TreeMap<>();
    snapshot.blobs().forEach((id, record) -> recordedBlobRefs.put(id, record.refCount()));
    blobRefs.keySet().removeIf(id -> !snapshot.blobs().containsKey(id)); // reported as unlisted
    compareCounts("blob", recordedBlobRefs, blobRefs, problems);
    return problems;
  }

  private static void compareCounts(
      String kind, Map<BlobId, Long> recorded, Map<BlobId, Long> actual, List<Problem> problems) {
    for (Map.Entry<BlobId, Long> e : recorded.entrySet()) {
      long found = actual.getOrDefault(e.getKey(), 0L);
      if (found != e.getValue()) {
        problems.add(new Problem.BadRefCount(kind, e.getKey(), e.getValue(), found));
      }
    }
  }

  /**
   * Re-hashes every listed blob. One found in trash/ instead of its place (a gc died before its
   * commit) is added to {@code inTrash}: readable, and put back by the next gc or capture.
   */
  private List<Problem> checkBlobFiles(Map<BlobId, BlobRecord> blobs, List<BlobId> inTrash) throws IOException {
    List<Problem> problems = new ArrayList<>();
    for (Map.Entry<BlobId, BlobRecord> e : blobs.entrySet()) {
      BlobId id = e.getKey();
      Path file = blobFiles.fileFor(id);
      byte[] content;
      try {
        content = Files.readAllBytes(file);
      } catch (NoSuchFileException missing) {
        try {
          content = Files.readAllBytes(blobFiles.trashFileFor(id));
          inTrash.add(id);
        } catch (NoSuchFileException alsoMissing) {
          problems.add(new Problem.MissingBlob(id, file));
          continue;
        }
      }
      if (content.length != e.getValue().storedSize()) {
        problems.add(new Problem.SizeMismatch(id, e.getValue().storedSize(), content.length));
      }
      BlobId actual = BlobId.of(content);
      if (!actual.equals(id)) {
        problems.add(new Problem.HashMismatch(id, actual));
      }
    }
    return problems;
  }

  private List<OrphanFile> findOrphans(Map<BlobId, BlobRecord> blobs, List<BlobId> inTrash) throws IOException {
    List<OrphanFile> orphans = new ArrayList<>();
    for (Path file : StoreLayout.regularFilesIn(layout.blobsDir())) {
      String name = file.getFileName().toString();
      if (!BlobId.isWellFormed(name) || !blobs.containsKey(BlobId.parse(name))) {
        orphans.add(new OrphanFile(file, StoreLayout.sizeOrZero(file), "blob"));
      }
    }
    for (Path file : StoreLayout.regularFilesIn(layout.tmpDir())) {
      if (TempFileOwner.ownerIsAlive(file)) {
        continue;
      }
      orphans.add(new OrphanFile(file, StoreLayout.sizeOrZero(file), "temp"));
    }
    for (Path file : StoreLayout.regularFilesIn(layout.trashDir())) {
      String name = file.getFileName().toString();
      if (!BlobId.isWellFormed(name) || !inTrash.contains(BlobId.parse(name))) {
        orphans.add(new OrphanFile(file, StoreLayout.sizeOrZero(file), "trash"));
      }
    }
    return orphans;
  }


  /** Everything verify needs from the index, read in one transaction. */
  private record IndexSnapshot(
      List<Run> runs,
      Map<BlobId, Manifest> manifests,
      Map<BlobId, Long> manifestRefCounts,
      Map<BlobId, BlobRecord> blobs) {

    static IndexSnapshot read(io.btsnap.store.internal.index.IndexReader reader) {
      List<Run> runs = new ArrayList<>();
      reader.forEachRunNewestFirst(runs::add);
      Map<BlobId, Manifest> manifests = new HashMap<>();
      reader.forEachManifest(m -> manifests.put(m.id(), m));
      Map<BlobId, Long> refs = new HashMap<>();
      reader.forEachManifestRefCount(refs::put);
      Map<BlobId, BlobRecord> blobs = new TreeMap<>();
      reader.forEachBlob(blobs::put);
      return new IndexSnapshot(runs, manifests, refs, blobs);
    }
  }
}
