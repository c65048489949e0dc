package io.btsnap.store.internal.capture;

import io.btsnap.store.internal.blob.BlobFiles;
import io.btsnap.store.internal.index.BlobRecord;
import io.btsnap.store.internal.index.GroupCommit;
import io.btsnap.store.internal.index.Index;
import io.btsnap.store.internal.index.IndexWriter;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Committed;
import io.btsnap.store.model.DiskSpaceException;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunDraft;
import io.btsnap.store.model.RunId;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores one capture with the protocol that keeps every listed blob backed by its file, even
 * with a garbage collection running in another process:
 *
 * <ol>
 *   <li>read and hash the files (the caller, before {@link #write}), outside any transaction;
 *   <li>write the blobs the index does not list (tmp, fsync, rename, fsync folder);
 *   <li>in one write transaction: for each blob the run references, check its file exists and
 *       write it again from memory if a gc removed it meanwhile (or left it in {@code trash/});
 *       add blob records, count references, put the manifest and the run; commit durably.
 * </ol>
 */
public final class CaptureWriter {
  private final Index index;
  private final GroupCommit commits;
  private final BlobFiles blobFiles;
  private final Clock clock;

  /** Creates a writer into {@code index} and {@code blobFiles}. */
  public CaptureWriter(Index index, BlobFiles blobFiles, Clock clock) {
    this.index = index;
    this.commits = new GroupCommit(index);
    this.blobFiles = blobFiles;
    this.clock = clock;
  }

  /** Commits {@code draft} as a new run. */
  public Committed write(RunDraft draft) throws IOException {
    Manifest manifest = draft.manifest();
    Map<BlobId, byte[]> contents = draft.blobs();
    List<BlobId> unlisted = unlisted(contents);
    checkFreeSpace(unlisted, contents, draft.minFreeBytes());
    writeBlobs(unlisted, contents);
    Instant now = clock.instant();
    // Captures of other threads waiting meanwhile share this commit (a service's clients).
    return commits.write(
        writer -> {
          Counts counts = addManifest(writer, manifest, contents);
          RunId id = nextId(writer, now);
          Run run = new Run(id, id.created(), draft.mode(), draft.entry(), draft.root(), draft.params(), draft.labels(),
              false, manifest.id(), draft.provenance(), draft.environment(), Map.of());
          writer.putRun(run);
          return new Committed(run, manifest, counts.newBlobs, counts.newBytes);
        });
  }

  /**
   * Adds runs made elsewhere (another store, a remote), checked first: each must name its
   * manifest, and {@code contents} must hold every blob the store lacks. Blobs listed but left in
   * {@code trash/} by a gc that died are read back and written again.
   */
  public List<Boolean> addRuns(Map<Run, Manifest> runs, Map<BlobId, byte[]> contents) throws IOException {
    Map<BlobId, byte[]> all = new java.util.LinkedHashMap<>(contents);
    List<Imported> imported = new java.util.ArrayList<>();
    for (Map.Entry<Run, Manifest> r : runs.entrySet()) {
      Run run = r.getKey();
      Manifest manifest = r.getValue();
      if (!run.manifest().equals(manifest.id())) {
        throw new IllegalArgumentException("run " + run.id() + " names manifest " + run.manifest() + ", not " + manifest.id());
      }
      for (ManifestEntry e : manifest.entries()) {
        if (all.containsKey(e.blob())) {
          continue;
        }
        if (index.read(reader -> reader.blob(e.blob())).isEmpty()) {
          throw new IllegalArgumentException("run " + run.id() + ": no content for blob " + e.blob() + " (" + e.path() + ")");
        }
        if (!blobFiles.exists(e.blob())) {
          all.put(e.blob(), blobFiles.read(e.blob()));
        }
      }
      imported.add(new Imported(run, manifest));
    }
    return importRuns(imported, all);
  }

  /**
   * Adds a run made elsewhere (an exported archive) with its id, time and flags, by the same
   * protocol as a capture. Returns false, changing nothing, when a run of that id exists.
   */
  public boolean importRun(Run run, Manifest manifest, Map<BlobId, byte[]> contents) throws IOException {
    return importRuns(List.of(new Imported(run, manifest)), contents).get(0);
  }

  /** A run made elsewhere and the manifest it names. */
  public record Imported(Run run, Manifest manifest) {}

  /**
   * Adds {@code runs} as {@link #importRun} does, in one write transaction with one durable
   * commit: pulling a thousand runs is one commit, not a thousand. {@code contents} holds the
   * blobs of all of them. Returns, per run, whether it was added.
   */
  public List<Boolean> importRuns(List<Imported> runs, Map<BlobId, byte[]> contents) throws IOException {
    writeBlobs(unlisted(contents), contents);
    return index.write(
        writer -> {
          List<Boolean> added = new java.util.ArrayList<>(runs.size());
          boolean blobsChecked = false;
          for (Imported i : runs) {
            if (writer.run(i.run().id()).isPresent()) {
              added.add(false);
              continue;
            }
            // The blob-file check of addManifest runs once for the whole batch.
            addManifest(writer, i.manifest(), blobsChecked ? Map.of() : contents, contents);
            blobsChecked = true;
            writer.putRun(i.run());
            added.add(true);
          }
          return added;
        });
  }

  /** Refuses, before anything is written, a capture that would leave less than {@code minFree}. */
  private void checkFreeSpace(List<BlobId> unlisted, Map<BlobId, byte[]> contents, long minFree) throws IOException {
    long needed = 0;
    for (BlobId id : unlisted) {
      // Whole blocks, and a page or two of index for the records.
      needed += (contents.get(id).length / 4096 + 1) * 4096L;
    }
    needed += 2 * 4096;
    long free = blobFiles.usableSpace();
    if (free < needed + minFree) {
      throw new DiskSpaceException(String.format(
          "disk almost full: %s free on the store's file system, the capture needs %s plus %s kept free (--min-free);"
              + " nothing stored (free space, or run 'btsnap store gc')", io.btsnap.bytes.ByteSizes.human(free),
          io.btsnap.bytes.ByteSizes.human(needed), io.btsnap.bytes.ByteSizes.human(minFree)));
    }
  }

  private List<BlobId> unlisted(Map<BlobId, byte[]> contents) throws IOException {
    return index.read(reader -> contents.keySet().stream().filter(id -> reader.blob(id).isEmpty()).toList());
  }

  /** Step 2 of the protocol: blob files first, outside any transaction. */
  private void writeBlobs(List<BlobId> unlisted, Map<BlobId, byte[]> contents) throws IOException {
    for (BlobId id : unlisted) {
      blobFiles.writeIfAbsent(id, contents.get(id));
    }
  }

  private Counts addManifest(IndexWriter writer, Manifest manifest, Map<BlobId, byte[]> contents)
      throws IOException {
    return addManifest(writer, manifest, contents, contents);
  }

  /** Adds the manifest, checking the files of {@code toCheck}; new blob records sized from {@code contents}. */
  private Counts addManifest(IndexWriter writer, Manifest manifest, Map<BlobId, byte[]> toCheck, Map<BlobId, byte[]> contents)
      throws IOException {
    // Every blob the new run references must have its file at commit. A gc may have removed an
    // unlisted one since it was written or found; a gc that died before its commit leaves
    // listed ones in trash/ until the next gc. Only this check, inside the writer lock, makes
    // the run safe: a missing file is written again from memory.
    for (Map.Entry<BlobId, byte[]> blob : toCheck.entrySet()) {
      if (!blobFiles.exists(blob.getKey())) {
        blobFiles.writeIfAbsent(blob.getKey(), blob.getValue());
      }
    }
    Counts counts = new Counts();
    long refs = writer.manifestRefCount(manifest.id());
    if (refs > 0) {
      writer.putManifestRefCount(manifest.id(), refs + 1);
      return counts;
    }
    for (ManifestEntry entry : manifest.entries()) {
      BlobRecord record = writer.blob(entry.blob()).orElse(null);
      if (record == null) {
        byte[] content = contents.get(entry.blob());
        record = new BlobRecord(content.length, content.length, BlobRecord.CODEC_NONE, 0);
        counts.newBlobs++;
        counts.newBytes += content.length;
      }
      writer.putBlob(entry.blob(), record.withRefCountAdded(1));
    }
    writer.putManifest(manifest);
    writer.putManifestRefCount(manifest.id(), 1);
    return counts;
  }

  /**
   * Draws the new run's id inside the write transaction, which LMDB serializes across
   * processes: a random id for this millisecond, raised above the newest id in the store. Ids
   * are then unique and follow commit order, so "latest" is the last capture, even for two
   * captures in one millisecond (or after the clock stepped back).
   */
  private static RunId nextId(IndexWriter writer, Instant now) {
    RunId id = RunId.forInstant(now);
    Optional<RunId> newest = writer.newestRunId();
    if (newest.isPresent() && id.compareTo(newest.get()) <= 0) {
      id = newest.get().next();
    }
    return id;
  }

  private static final class Counts {
    int newBlobs;
    long newBytes;
  }
}
