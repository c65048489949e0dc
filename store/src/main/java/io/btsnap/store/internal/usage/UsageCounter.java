package io.btsnap.store.internal.usage;

import io.btsnap.store.internal.StoreLayout;
import io.btsnap.store.internal.index.BlobRecord;
import io.btsnap.store.internal.index.Index;
import io.btsnap.store.internal.index.IndexReader;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.RunUsage;
import io.btsnap.store.model.UsageReport;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Computes a store's {@link UsageReport}. */
public final class UsageCounter {
  private final StoreLayout layout;
  private final Index index;

  /** Creates a counter over the store at {@code layout}. */
  public UsageCounter(StoreLayout layout, Index index) {
    this.layout = layout;
    this.index = index;
  }

  /** Counts runs, blobs and bytes. */
  public UsageReport count() throws IOException {
    long[] totals =
        index.read(
            reader -> {
              // Runs of unchanged code share a manifest; decode each manifest once.
              Map<BlobId, long[]> perManifest = new HashMap<>();
              long[] t = new long[5]; // runs, files, logical, blobs, blobBytes
              reader.forEachRunManifest(
                  manifestId -> {
                    long[] m =
                        perManifest.computeIfAbsent(
                            manifestId,
                            id ->
                                reader
                                    .manifest(id)
                                    .map(x -> new long[] {x.entries().size(), x.totalBytes()})
                                    .orElse(new long[2]));
                    t[0]++;
                    t[1] += m[0];
                    t[2] += m[1];
                  });
              reader.forEachBlob(
                  (id, record) -> {
                    t[3]++;
                    t[4] += record.size();
                  });
              return t;
            });
    FileStore fileStore = Files.getFileStore(layout.root());
    long blobBytes = totals[4];
    double ratio = blobBytes == 0 ? 1.0 : (double) totals[2] / blobBytes;
    return new UsageReport(
        totals[0],
        totals[3],
        totals[1],
        totals[2],
        blobBytes,
        occupiedBytes(layout.root(), fileStore.getBlockSize()),
        ratio,
        fileStore.getUsableSpace(),
        fileStore.getTotalSpace());
  }

  /** Returns each run's usage, newest first; exclusive bytes count blobs no other run needs. */
  public List<RunUsage> perRun() throws IOException {
    return index.read(
        reader -> {
          Map<BlobId, long[]> perManifest = new HashMap<>(); // files, logical, exclusive
          List<RunUsage> usage = new ArrayList<>();
          reader.forEachRunNewestFirst(
              run -> {
                long[] m = perManifest.computeIfAbsent(run.manifest(), id -> manifestUsage(reader, id));
                long exclusive = reader.manifestRefCount(run.manifest()) == 1 ? m[2] : 0;
                usage.add(new RunUsage(run, (int) m[0], m[1], exclusive));
              });
          return usage;
        });
  }

  private static long[] manifestUsage(IndexReader reader, BlobId id) {
    Optional<Manifest> manifest = reader.manifest(id);
    if (manifest.isEmpty()) {
      return new long[3];
    }
    Map<BlobId, Long> entriesPerBlob = new HashMap<>();
    for (ManifestEntry e : manifest.get().entries()) {
      entriesPerBlob.merge(e.blob(), 1L, Long::sum);
    }
    long exclusive = 0;
    for (Map.Entry<BlobId, Long> b : entriesPerBlob.entrySet()) {
      Optional<BlobRecord> record = reader.blob(b.getKey());
      // A blob counts one reference per manifest entry; if all of them are this manifest's,
      // no other manifest (so no other run sharing none of its manifest) needs it.
      if (record.isPresent() && record.get().refCount() == b.getValue()) {
        exclusive += record.get().storedSize();
      }
    }
    return new long[] {manifest.get().entries().size(), manifest.get().totalBytes(), exclusive};
  }

  /** Sums file sizes rounded up to whole blocks, close to what {@code du} reports. */
  private static long occupiedBytes(Path root, long blockSize) throws IOException {
    long sum = 0;
    for (Path file : StoreLayout.regularFilesIn(root)) {
      try {
        sum += (Files.size(file) + blockSize - 1) / blockSize * blockSize;
      } catch (java.nio.file.NoSuchFileException vanished) {
        // a temp file renamed or a trash file deleted while counting
      }
    }
    try (Stream<Path> dirs = Files.walk(root)) {
      sum += dirs.filter(Files::isDirectory).count() * blockSize;
    } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException vanished) {
      // a fan-out folder can't vanish, but tmp's contents can; the estimate stays close
    }
    return sum;
  }

}
