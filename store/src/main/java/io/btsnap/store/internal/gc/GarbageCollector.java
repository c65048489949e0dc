package io.btsnap.store.internal.gc;

import io.btsnap.store.internal.StoreLayout;
import io.btsnap.store.internal.blob.BlobFiles;
import io.btsnap.store.internal.blob.FileOperations;
import io.btsnap.store.internal.blob.TempFileOwner;
import io.btsnap.store.internal.index.BlobRecord;
import io.btsnap.store.internal.index.Index;
import io.btsnap.store.internal.index.IndexReader;
import io.btsnap.store.internal.index.IndexWriter;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.GcProgress;
import io.btsnap.store.model.GcResult;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.OrphanFile;
import io.btsnap.store.model.RetentionPolicy;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import io.btsnap.store.model.StoreReferencesMissingDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Deletes the runs a retention policy selects and everything only they referenced, with the
 * two-phase protocol that survives a crash at any point:
 *
 * <ol>
 *   <li>recover: in a write transaction, move back every file in {@code trash/} that the index
 *       still lists (a gc crashed before its commit) and delete the rest;
 *   <li>check: if any run references a missing manifest or blob, delete nothing;
 *   <li>in one write transaction: delete the runs, decrement counts, remove the records that
 *       reach zero and rename their blob files into {@code trash/}; delete orphan files past the
 *       grace period; commit;
 *   <li>delete the files in {@code trash/}.
 * </ol>
 *
 * Orphans are deleted inside the write transaction, so a capture (whose own transaction checks
 * that each new blob's file exists, and writes it again if not) can never commit a record of a
 * file gc is deleting.
 */
public final class GarbageCollector {

  private final StoreLayout layout;
  private final Index index;
  private final BlobFiles blobFiles;
  private final FileOperations files;
  private final Clock clock;

  /** Creates a collector over the store at {@code layout}. */
  public GarbageCollector(StoreLayout layout, Index index, BlobFiles blobFiles, FileOperations files, Clock clock) {
    this.layout = layout;
    this.index = index;
    this.blobFiles = blobFiles;
    this.files = files;
    this.clock = clock;
  }

  /**
   * Runs gc with {@code policy}, deleting orphan and temp files older than {@code grace}; with
   * {@code dryRun}, only reports what it would delete.
   */
  public GcResult collect(RetentionPolicy policy, boolean dryRun, Duration grace, GcProgress progress) throws IOException {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace period must not be negative: " + grace);
    }
    Instant now = clock.instant();
    index.checkStaleReaders();
    if (dryRun) {
      GcPlan plan = index.read(reader -> plan(reader, policy, now, grace, progress, true));
      return result(true, plan);
    }
    List<OrphanFile> recovered = recoverTrash();
    List<Path> trashed = new ArrayList<>();
    GcPlan plan;
    try {
      plan =
          index.write(
              writer -> {
                putBack(trashed); // the transaction may run again after the map grows
                GcPlan p = plan(writer, policy, now, grace, progress, false);
                apply(writer, p, trashed, progress);
                return p;
              });
    } catch (IOException | RuntimeException e) {
      // The transaction was aborted: the index still lists what was moved to trash. Put it
      // back now rather than leave it to the next gc's recovery.
      try {
        putBack(trashed);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    for (Path file : trashed) {
      files.deleteIfExists(file);
    }
    List<OrphanFile> orphans = new ArrayList<>(recovered);
    orphans.addAll(plan.orphans());
    return result(false, new GcPlan(plan.runs(), plan.manifestRefs(), plan.blobRefs(), plan.blobSizes(), orphans,
        plan.decisions()));
  }

  /** Moves blob files this gc renamed into trash back to their place. */
  private void putBack(List<Path> trashed) throws IOException {
    for (Path file : trashed) {
      Path home = blobFiles.fileFor(BlobId.parse(file.getFileName().toString()));
      if (Files.exists(file) && !Files.exists(home)) {
        files.moveAtomically(file, home);
      }
    }
    trashed.clear();
  }

  /**
   * Moves trash the index still lists back into place (the gc that moved it crashed before its
   * commit) and deletes the rest; returns what it deleted. Runs in a write transaction, so it
   * never races a gc in progress.
   */
  public List<OrphanFile> recoverTrash() throws IOException {
    return index.write(
        writer -> {
          List<OrphanFile> deleted = new ArrayList<>();
          for (Path file : StoreLayout.regularFilesIn(layout.trashDir())) {
            if (restores(file, writer)) {
              Path home = blobFiles.fileFor(BlobId.parse(file.getFileName().toString()));
              blobFiles.access().createFolder(home.getParent());
              files.moveAtomically(file, home);
              files.syncDirectory(home.getParent());
            } else {
              deleted.add(new OrphanFile(file, StoreLayout.sizeOrZero(file), "trash"));
              files.deleteIfExists(file);
            }
          }
          return deleted;
        });
  }

  /** Whether recovery moves {@code trashFile} back: the index lists it and its place is empty. */
  private boolean restores(Path trashFile, IndexReader reader) {
    String name = trashFile.getFileName().toString();
    return BlobId.isWellFormed(name)
        && reader.blob(BlobId.parse(name)).isPresent()
        && !blobFiles.exists(BlobId.parse(name));
  }

  private GcPlan plan(IndexReader reader, RetentionPolicy policy, Instant now, Duration grace, GcProgress progress, boolean dryRun)
      throws IOException {
    List<Run> runs = new ArrayList<>();
    reader.forEachRunNewestFirst(runs::add);
    checkReferences(reader, runs, progress);

    List<RunId> deleted = new ArrayList<>();
    Map<BlobId, Long> manifestRefs = new TreeMap<>();
    List<RetentionPolicy.Decision> decisions = policy.select(runs, now);
    for (RetentionPolicy.Decision d : decisions) {
      if (!d.keep()) {
        deleted.add(d.run().id());
        manifestRefs.merge(d.run().manifest(), -1L, Long::sum);
      }
    }
    manifestRefs.replaceAll((id, delta) -> reader.manifestRefCount(id) + delta);

    Map<BlobId, Long> blobRefs = new TreeMap<>();
    Map<BlobId, Long> blobSizes = new HashMap<>();
    for (Map.Entry<BlobId, Long> m : manifestRefs.entrySet()) {
      if (m.getValue() == 0) {
        for (ManifestEntry entry : reader.manifest(m.getKey()).orElseThrow().entries()) {
          BlobRecord record = reader.blob(entry.blob()).orElseThrow();
          long remaining = blobRefs.getOrDefault(entry.blob(), record.refCount()) - 1;
          blobRefs.put(entry.blob(), remaining);
          blobSizes.put(entry.blob(), record.storedSize());
        }
      }
    }
    List<OrphanFile> orphans = findOrphans(reader, now.minus(grace), dryRun);
    return new GcPlan(deleted, manifestRefs, blobRefs, blobSizes, orphans, decisions);
  }

  /** Fails closed: a store that already lost data must be looked at before anything is deleted. */
  private void checkReferences(IndexReader reader, List<Run> runs, GcProgress progress) throws IOException {
    List<String> problems = new ArrayList<>();
    Map<BlobId, Optional<Manifest>> manifests = new HashMap<>();
    long done = 0;
    for (Run run : runs) {
      Optional<Manifest> manifest = manifests.computeIfAbsent(run.manifest(), reader::manifest);
      if (manifest.isEmpty()) {
        problems.add("run " + run.id() + " references missing manifest " + run.manifest().shortForm());
      }
      progress.update("checking runs", ++done, runs.size());
    }
    for (Optional<Manifest> manifest : manifests.values()) {
      if (manifest.isEmpty()) {
        continue;
      }
      for (ManifestEntry entry : manifest.get().entries()) {
        if (reader.blob(entry.blob()).isEmpty()) {
          problems.add("manifest " + manifest.get().id().shortForm() + " references unlisted blob " + entry.blob().shortForm());
        } else if (!blobFiles.exists(entry.blob())) {
          problems.add("blob " + entry.blob().shortForm() + " (" + entry.path() + ") has no file");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new StoreReferencesMissingDataException(problems.get(0), problems.size());
    }
  }

  private List<OrphanFile> findOrphans(IndexReader reader, Instant cutoff, boolean dryRun) throws IOException {
    List<OrphanFile> orphans = new ArrayList<>();
    for (Path file : StoreLayout.regularFilesIn(layout.blobsDir())) {
      String name = file.getFileName().toString();
      boolean listed = BlobId.isWellFormed(name) && reader.blob(BlobId.parse(name)).isPresent();
      if (!listed && isOlderThan(file, cutoff)) {
        orphans.add(new OrphanFile(file, StoreLayout.sizeOrZero(file), "blob"));
      }
    }
    for (Path file : StoreLayout.regularFilesIn(layout.tmpDir())) {
      if (isOlderThan(file, cutoff) && !TempFileOwner.ownerIsAlive(file)) {
        orphans.add(new OrphanFile(file, StoreLayout.sizeOrZero(file), "temp"));
      }
    }
    if (dryRun) {
      // A real run recovers trash first; report what that recovery would delete.
      for (Path file : StoreLayout.regularFilesIn(layout.trashDir())) {
        if (!restores(file, reader)) {
          orphans.add(new OrphanFile(file, StoreLayout.sizeOrZero(file), "trash"));
        }
      }
    }
    return orphans;
  }

  private boolean isOlderThan(Path file, Instant cutoff) throws IOException {
    try {
      return Files.getLastModifiedTime(file).toInstant().isBefore(cutoff);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private void apply(IndexWriter writer, GcPlan plan, List<Path> trashed, GcProgress progress) throws IOException {
    long done = 0;
    for (RunId run : plan.runs()) {
      writer.deleteRun(run);
      progress.update("deleting runs", ++done, plan.runs().size());
    }
    for (Map.Entry<BlobId, Long> m : plan.manifestRefs().entrySet()) {
      if (m.getValue() == 0) {
        writer.deleteManifest(m.getKey());
      } else {
        writer.putManifestRefCount(m.getKey(), m.getValue());
      }
    }
    blobFiles.access().createFolder(layout.trashDir());
    done = 0;
    for (Map.Entry<BlobId, Long> b : plan.blobRefs().entrySet()) {
      BlobRecord record = writer.blob(b.getKey()).orElseThrow();
      if (b.getValue() == 0) {
        writer.deleteBlob(b.getKey());
        Path trash = layout.trashDir().resolve(b.getKey().hex());
        files.moveAtomically(blobFiles.fileFor(b.getKey()), trash);
        trashed.add(trash);
      } else {
        writer.putBlob(b.getKey(), new BlobRecord(record.size(), record.storedSize(), record.codec(), b.getValue()));
      }
      progress.update("deleting blobs", ++done, plan.blobRefs().size());
    }
    for (OrphanFile orphan : plan.orphans()) {
      files.deleteIfExists(orphan.file());
    }
  }

  private static GcResult result(boolean dryRun, GcPlan plan) {
    return new GcResult(dryRun, plan.runs(), plan.deadManifests(), plan.deadBlobs(), plan.orphans(), plan.bytesFreed(),
        plan.decisions());
  }

}
