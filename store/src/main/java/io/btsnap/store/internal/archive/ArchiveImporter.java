package io.btsnap.store.internal.archive;

import io.btsnap.json.JsonReader;
import io.btsnap.store.internal.capture.CaptureWriter;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.ImportResult;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.RelativePath;
import io.btsnap.store.model.RunId;
import io.btsnap.store.model.StoreException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads an archive {@link RunExporter} wrote and adds its runs, deduplicated. The whole archive
 * is read and checked before anything is written: an entry that is absolute, contains {@code
 * ..}, is a link, device or FIFO, lies outside a run folder, is not listed in its run's
 * manifest, or whose bytes do not hash to the manifest's value fails the import with nothing
 * stored.
 */
public final class ArchiveImporter {
  /** Larger than any strategy file; an archive entry above it is refused before it is read. */
  public static final long MAX_ENTRY_BYTES = 256L << 20;

  private final CaptureWriter writer;

  /** Creates an importer that stores through {@code writer}. */
  public ArchiveImporter(CaptureWriter writer) {
    this.writer = writer;
  }

  private static final class PendingRun {
    RunRecordJson.Parsed parsed;
    final Map<String, byte[]> files = new LinkedHashMap<>();
  }

  /** Imports the runs of {@code archive}. */
  public ImportResult importArchive(Path archive) throws IOException {
    Map<String, PendingRun> runs = read(archive);
    List<PendingCheck> checked = new ArrayList<>();
    for (Map.Entry<String, PendingRun> e : runs.entrySet()) {
      checked.add(check(archive, e.getKey(), e.getValue()));
    }
    List<RunId> imported = new ArrayList<>();
    List<RunId> skipped = new ArrayList<>();
    for (PendingCheck c : checked) {
      if (writer.importRun(c.run.parsed.run(), c.run.parsed.manifest(), c.contents)) {
        imported.add(c.run.parsed.run().id());
      } else {
        skipped.add(c.run.parsed.run().id());
      }
    }
    return new ImportResult(imported, skipped);
  }

  private record PendingCheck(PendingRun run, Map<BlobId, byte[]> contents) {}

  private Map<String, PendingRun> read(Path archive) throws IOException {
    Map<String, PendingRun> runs = new LinkedHashMap<>();
    try (InputStream file = Files.newInputStream(archive);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new BufferedInputStream(file)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        String name = entry.getName();
        if (entry.isSymbolicLink() || entry.isLink() || entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
          throw refused(archive, name, "is a link, device or FIFO");
        }
        // An archive made with 'tar -C dir .' names its entries ./RUN/...; "./" alone is its top.
        while (name.startsWith("./")) {
          name = name.substring(2);
        }
        if (name.isEmpty() || name.equals(".")) {
          continue;
        }
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        String problem = RelativePath.problem(trimmed);
        if (problem != null) {
          throw refused(archive, name, trimmed.startsWith("/") ? "is absolute" : trimmed.contains("..") ? "contains .." : problem);
        }
        int slash = trimmed.indexOf('/');
        String folder = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (!RunId.isWellFormed(folder)) {
          throw refused(archive, name, "is not inside a run folder");
        }
        PendingRun run = runs.computeIfAbsent(folder, f -> new PendingRun());
        if (entry.isDirectory()) {
          continue;
        }
        if (!entry.isFile() || slash < 0) {
          throw refused(archive, name, "is not a regular file in a run folder");
        }
        if (entry.getSize() > MAX_ENTRY_BYTES) {
          throw refused(archive, name, "is larger than " + io.btsnap.bytes.ByteSizes.human(MAX_ENTRY_BYTES));
        }
        byte[] content = tar.readNBytes((int) entry.getSize());
        String path = trimmed.substring(slash + 1);
        if (path.equals(RunExporter.RUN_FILE)) {
          try {
            run.parsed = RunRecordJson.fromJson(JsonReader.parse(new String(content, StandardCharsets.UTF_8)));
          } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw refused(archive, name, "is not a valid run file: " + e.getMessage());
          }
        } else if (run.files.put(path, content) != null) {
          throw refused(archive, name, "appears twice");
        }
      }
    } catch (IOException e) {
      if (e instanceof StoreException) {
        throw e;
      }
      throw new StoreException(archive + ": not a readable .tar.gz: " + e.getMessage(), e);
    }
    if (runs.isEmpty()) {
      throw new StoreException(archive + ": holds no runs");
    }
    return runs;
  }

  private static PendingCheck check(Path archive, String folder, PendingRun run) throws StoreException {
    if (run.parsed == null) {
      throw refused(archive, folder + "/", "has no " + RunExporter.RUN_FILE);
    }
    if (!run.parsed.run().id().value().equals(folder)) {
      throw refused(archive, folder + "/" + RunExporter.RUN_FILE, "names run " + run.parsed.run().id());
    }
    Map<BlobId, byte[]> contents = new HashMap<>();
    for (ManifestEntry e : run.parsed.manifest().entries()) {
      byte[] content = run.files.remove(e.path().value());
      if (content == null) {
        throw refused(archive, folder + "/" + e.path(), "is listed in the manifest but missing");
      }
      if (!BlobId.of(content).equals(e.blob()) || content.length != e.size()) {
        throw refused(archive, folder + "/" + e.path(), "does not match its hash in the manifest");
      }
      contents.put(e.blob(), content);
    }
    if (!run.files.isEmpty()) {
      throw refused(archive, folder + "/" + run.files.keySet().iterator().next(), "is not in the run's manifest");
    }
    return new PendingCheck(run, contents);
  }

  private static StoreException refused(Path archive, String entry, String why) {
    return new StoreException(archive + ": entry '" + entry + "' " + why + "; nothing imported");
  }
}
