package io.btsnap.store;

import io.btsnap.store.internal.StoreAccess;
import io.btsnap.store.internal.StoreLayout;
import io.btsnap.store.internal.archive.ArchiveImporter;
import io.btsnap.store.internal.archive.RunExporter;
import io.btsnap.store.internal.blob.BlobFiles;
import io.btsnap.store.internal.blob.FileOperations;
import io.btsnap.store.internal.blob.LocalFileOperations;
import io.btsnap.store.internal.capture.CaptureWriter;
import io.btsnap.store.internal.gc.GarbageCollector;
import io.btsnap.store.internal.index.Index;
import io.btsnap.store.internal.index.StoreOpening;
import io.btsnap.store.internal.runs.RunBatches;
import io.btsnap.store.internal.runs.RunEdits;
import io.btsnap.store.internal.runs.RunRefs;
import io.btsnap.store.internal.usage.UsageCounter;
import io.btsnap.store.internal.verify.SecretScan;
import io.btsnap.store.internal.verify.StorePermissions;
import io.btsnap.store.internal.verify.StoreVerifier;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Committed;
import io.btsnap.store.model.FolderImportReport;
import io.btsnap.store.model.GcProgress;
import io.btsnap.store.model.GcResult;
import io.btsnap.store.model.ImportResult;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.RetentionPolicy;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunDiff;
import io.btsnap.store.model.RunDraft;
import io.btsnap.store.model.RunId;
import io.btsnap.store.model.RunUsage;
import io.btsnap.store.model.RunVisitor;
import io.btsnap.store.model.SecretFinding;
import io.btsnap.store.model.StoreCorruptException;
import io.btsnap.store.model.StoreException;
import io.btsnap.store.model.UsageReport;
import io.btsnap.store.model.VerifyReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A content-addressed snapshot store: the library's entry point. Open one per store folder and
 * share it between threads; close it when done.
 *
 * <p>Layout and invariants are described in {@code docs/design.md}.
 */
public final class Store implements AutoCloseable {
  private static final int RUN_BATCH = 4096;

  /** The name that always means the newest run. */
  public static final String LATEST = RunRefs.LATEST;

  /**
   * How old a file nothing references must be before gc deletes it, unless told otherwise: a
   * capture in flight writes its blobs before the commit that references them.
   */
  public static final String DEFAULT_ORPHAN_GRACE = "1h";

  private final StoreLayout layout;
  private final Index index;
  private final BlobFiles blobFiles;
  private final CaptureWriter captureWriter;
  private final RunRestorer restorer;
  private final GarbageCollector collector;
  private volatile boolean closed;

  private Store(StoreLayout layout, StoreAccess access, Index index, FileOperations files, Clock clock) {
    this.layout = layout;
    this.index = index;
    this.blobFiles = new BlobFiles(layout.blobsDir(), layout.tmpDir(), layout.trashDir(), files, access);
    this.captureWriter = new CaptureWriter(index, blobFiles, clock);
    this.restorer = new RunRestorer(blobFiles);
    this.collector = new GarbageCollector(layout, index, blobFiles, files, clock);
  }

  /** Returns where the store lives when none is given: {@code $BTSNAP_HOME}, else {@code ~/.btsnap}. */
  public static Path defaultLocation(Map<String, String> environment) {
    return StoreLayout.defaultLocation(environment);
  }

  /**
   * Loads the index's native binding, which a process's first open otherwise loads (80 to 150
   * ms): a process that will open a store can start this early on another thread. A failure is
   * left for the open to report.
   */
  public static void loadNativeBinding() {
    Index.loadNativeLibrary();
  }

  /** Returns whether a store (its format file) exists in {@code dir}; opens nothing. */
  public static boolean exists(Path dir) {
    return new StoreLayout(dir.toAbsolutePath().normalize()).exists();
  }

  /** Opens the store in {@code dir}, creating it if it does not exist. */
  public static Store open(Path dir) throws IOException {
    return open(dir, true, Index.DEFAULT_MAP_SIZE, LocalFileOperations.INSTANCE, Clock.systemUTC());
  }

  /** Opens the store in {@code dir}, failing if there is none. */
  public static Store openExisting(Path dir) throws IOException {
    return open(dir, false, Index.DEFAULT_MAP_SIZE, LocalFileOperations.INSTANCE, Clock.systemUTC());
  }

  static Store open(Path dir, boolean create, long mapSize, FileOperations files, Clock clock) throws IOException {
    StoreOpening opened = StoreOpening.open(dir, create, mapSize);
    return new Store(opened.layout(), opened.access(), opened.index(), files, clock);
  }

  /**
   * Creates a store in {@code dir}, which must be new or empty: private, or with {@code group}
   * readable and writable by that group (folders set-group-id, so all it holds keeps the group).
   * Refuses a store that exists.
   */
  public static void init(Path dir, Optional<String> group) throws IOException {
    StoreOpening.init(dir, group);
    open(dir, false, Index.DEFAULT_MAP_SIZE, LocalFileOperations.INSTANCE, Clock.systemUTC()).close();
  }

  /** Returns the store's folder. */
  public Path location() {
    return layout.root();
  }

  /**
   * Commits {@code draft} as a new run, durably: its blobs first, then, in one write transaction,
   * the manifest and the run. Captures from other threads waiting meanwhile share the commit.
   */
  public Committed commit(RunDraft draft) throws IOException {
    checkNotClosed();
    return captureWriter.write(draft);
  }

  /** Returns the newest run that {@code test} accepts, reading no further back than it. */
  public Optional<Run> newestRun(java.util.function.Predicate<Run> test) throws IOException {
    checkNotClosed();
    return index.read(r -> r.newestRunWhere(test));
  }

  /**
   * Calls {@code visitor} with every run, newest first. Runs are read in batches, each in its own
   * transaction, and {@code visitor} is called outside them: a slow consumer of the output (a
   * pager) must not hold a read transaction, which would keep LMDB from reusing pages that
   * captures meanwhile free.
   */
  public void forEachRun(RunVisitor visitor) throws IOException {
    forEachRun(visitor, RUN_BATCH);
  }

  void forEachRun(RunVisitor visitor, int batchSize) throws IOException {
    checkNotClosed();
    RunBatches.forEach(index, batchSize, visitor);
  }

  /**
   * Returns up to {@code limit} runs, newest first, starting below {@code olderThan} when given
   * (it need not exist): one batch of a listing read batch by batch, each in a short transaction.
   */
  public List<Run> runsNewestFirst(Optional<RunId> olderThan, int limit) throws IOException {
    checkNotClosed();
    return index.read(reader -> reader.runsNewestFirst(olderThan, limit));
  }

  /** Returns every run, newest first. */
  public List<Run> runs() throws IOException {
    checkNotClosed();
    return index.read(
        reader -> {
          List<Run> runs = new ArrayList<>();
          reader.forEachRunNewestFirst(runs::add);
          return runs;
        });
  }

  /**
   * Returns the run named by {@code ref}: a full id, a unique prefix or suffix of one ({@value
   * RunRefs#MIN_PREFIX}+ characters: users copy an id's random end as often as its start), or
   * {@code latest}.
   */
  public Run run(String ref) throws IOException {
    checkNotClosed();
    return index.read(reader -> RunRefs.resolve(reader, ref, layout.root()));
  }

  /** Returns the manifest of {@code run}. */
  public Manifest manifest(Run run) throws IOException {
    checkNotClosed();
    return index.read(
        reader ->
            reader
                .manifest(run.manifest())
                .orElseThrow(
                    () ->
                        new StoreCorruptException(
                            layout.indexDir(),
                            "manifest " + run.manifest().shortForm() + " of run " + run.id() + " is missing",
                            null)));
  }

  /** Returns the content of the file at {@code path} in {@code run}, checked against its hash. */
  public byte[] readFile(Run run, String path) throws IOException {
    ManifestEntry entry =
        manifest(run)
            .entry(path)
            .orElseThrow(() -> new StoreException("run " + run.id() + " has no file " + path));
    return blobFiles.read(entry.blob());
  }

  /** Returns the content of blob {@code id}, checked against its hash. */
  public byte[] blob(BlobId id) throws IOException {
    checkNotClosed();
    return blobFiles.read(id);
  }

  /** Returns whether the store lists blob {@code id}. */
  public boolean hasBlob(BlobId id) throws IOException {
    checkNotClosed();
    return index.read(r -> r.blob(id).isPresent());
  }

  /** Returns whether the store holds a run of id {@code id}. */
  public boolean hasRun(RunId id) throws IOException {
    checkNotClosed();
    return index.read(r -> r.run(id).isPresent());
  }

  /**
   * Adds a run made elsewhere (another store, a remote) with its id, time and flags, through the
   * capture's write protocol: {@code contents} must hold every blob of {@code manifest} the store
   * lacks, each already checked against its id. Returns false, changing nothing, when a run of
   * that id exists.
   *
   * @throws IllegalArgumentException when the run does not name the manifest, or a blob is missing
   */
  public boolean addRun(Run run, Manifest manifest, Map<BlobId, byte[]> contents) throws IOException {
    return addRuns(Map.of(run, manifest), contents).get(0);
  }

  /**
   * Adds runs as {@link #addRun} does, all in one write transaction with one durable commit:
   * visible together or not at all. Returns, per run in the map's order, whether it was added.
   */
  public List<Boolean> addRuns(Map<Run, Manifest> runs, Map<BlobId, byte[]> contents) throws IOException {
    checkNotClosed();
    return captureWriter.addRuns(runs, contents);
  }

  /** Writes the files of {@code run} into {@code target}, which must be empty or absent. */
  public Manifest restore(Run run, Path target) throws IOException {
    Manifest manifest = manifest(run);
    restorer.restore(manifest, target);
    return manifest;
  }

  /** Returns the paths that differ from run {@code from} to run {@code to}. */
  public RunDiff diff(Run from, Run to) throws IOException {
    return RunDiff.between(from, manifest(from), to, manifest(to));
  }

  /** Counts runs, blobs and bytes. */
  public UsageReport usage() throws IOException {
    checkNotClosed();
    return new UsageCounter(layout, index).count();
  }

  /** Returns each run's files, logical bytes and the bytes only it holds, newest first. */
  public List<RunUsage> runUsage() throws IOException {
    checkNotClosed();
    return new UsageCounter(layout, index).perRun();
  }

  /**
   * Deletes the runs {@code policy} selects, then every manifest, blob and orphan file nothing
   * references; with {@code dryRun}, returns exactly what it would delete and changes nothing.
   * Deletes nothing at all when a run already references a missing manifest or blob.
   */
  public GcResult gc(RetentionPolicy policy, boolean dryRun, GcProgress progress) throws IOException {
    return gc(policy, dryRun, io.btsnap.time.Durations.parse(DEFAULT_ORPHAN_GRACE), progress);
  }

  /**
   * Runs gc as {@link #gc(RetentionPolicy, boolean, GcProgress)} does, deleting unreferenced
   * files once they are older than {@code orphanGrace} rather than the default hour.
   */
  public GcResult gc(RetentionPolicy policy, boolean dryRun, Duration orphanGrace, GcProgress progress) throws IOException {
    checkNotClosed();
    return collector.collect(policy, dryRun, orphanGrace, progress);
  }


  /** Sets whether the run named by {@code ref} is pinned (kept by every gc); returns it. */
  public Run pin(String ref, boolean pinned) throws IOException {
    return change(ref, run -> run.withPinned(pinned));
  }

  /**
   * Sets the metrics {@code values} on the run named by {@code ref} (results known after the
   * backtest: {@code sharpe=1.42}), keeping its others; returns the run.
   *
   * @throws IllegalArgumentException on an empty key, a key with {@code =}, or a value that is
   *     not a finite number
   */
  public Run annotate(String ref, Map<String, Double> values) throws IOException {
    RunEdits.checkMetrics(values);
    return change(ref, run -> RunEdits.annotated(run, values));
  }

  /** Sets the labels {@code set} and removes those named in {@code remove} on the run named by {@code ref}. */
  public Run relabel(String ref, Map<String, String> set, Collection<String> remove) throws IOException {
    RunEdits.checkLabels(set);
    return change(ref, run -> RunEdits.relabeled(run, set, remove));
  }

  /** Rewrites the run named by {@code ref} as {@code change} says, in one write transaction. */
  private Run change(String ref, java.util.function.UnaryOperator<Run> change) throws IOException {
    checkNotClosed();
    Run run = run(ref);
    return index.write(writer -> RunEdits.rewrite(writer, run, ref, change));
  }

  /** Writes the runs named by {@code refs} to a {@code .tar.gz} that plain tar unpacks; returns them. */
  public List<Run> exportRuns(List<String> refs, Path target) throws IOException {
    checkNotClosed();
    Map<RunId, RunExporter.Item> items = new LinkedHashMap<>();
    for (String ref : refs) {
      Run run = run(ref);
      if (!items.containsKey(run.id())) {
        items.put(run.id(), new RunExporter.Item(run, manifest(run)));
      }
    }
    new RunExporter(blobFiles).export(List.copyOf(items.values()), target);
    return items.values().stream().map(RunExporter.Item::run).toList();
  }

  /** Adds the runs of an exported archive, refusing the whole archive if any entry is unsafe. */
  public ImportResult importArchive(Path archive) throws IOException {
    checkNotClosed();
    return new ArchiveImporter(captureWriter).importArchive(archive);
  }

  /**
   * Makes one run per subfolder of {@code dir} (per-run copies of a strategy), deduplicated;
   * parameters from the file {@code paramsFile} of each folder when present; with {@code
   * dryRun}, reports without storing. The folders are only read.
   */
  public FolderImportReport importFolders(Path dir, Optional<String> paramsFile, Map<String, String> labels, boolean dryRun)
      throws IOException {
    checkNotClosed();
    return new io.btsnap.store.internal.migrate.FolderImporter(captureWriter, index)
        .importFolders(dir, paramsFile, labels, dryRun);
  }

  /** Checks every invariant; never changes the store. */
  public VerifyReport verify() throws IOException {
    checkNotClosed();
    return new StoreVerifier(layout, index, blobFiles).verify();
  }

  /** Returns the stored files that look like credentials, with the runs that hold them. */
  public List<SecretFinding> findSecrets() throws IOException {
    checkNotClosed();
    return new SecretScan(index, blobFiles).scan();
  }

  /**
   * Takes every access of other users away from the store's files (folders 0700, files 0600,
   * blobs 0400); returns how many files and folders changed.
   */
  public long makePrivate() throws IOException {
    checkNotClosed();
    layout.setAccess(StoreAccess.PRIVATE);
    return StorePermissions.apply(layout.root(), layout.blobsDir(), StoreAccess.PRIVATE);
  }

  private void checkNotClosed() {
    if (closed) {
      throw new IllegalStateException("store " + layout.root() + " is closed");
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      index.release();
    }
  }
}
