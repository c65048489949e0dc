package io.btsnap.store.internal.archive;

import io.btsnap.json.Json;
import io.btsnap.store.internal.blob.BlobFiles;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.StoreException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Date;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes runs as a {@code .tar.gz} that plain {@code tar -xzf} unpacks into one folder per run:
 *
 * <pre>
 * 20261126-213005-1f47a2/.btsnap/run.json   the run: id, params, labels, files with hashes
 * 20261126-213005-1f47a2/rsi_bb_strategy.py the files, at their paths, with their modes
 * </pre>
 *
 * The archive is written to a temp file and renamed into place, so a failed export leaves no
 * partial archive.
 */
public final class RunExporter {
  /** The folder inside each run's folder that holds btsnap's own file. */
  public static final String META_DIR = ".btsnap";
  static final String RUN_FILE = META_DIR + "/run.json";

  private final BlobFiles blobFiles;

  /** Creates an exporter reading blobs from {@code blobFiles}. */
  public RunExporter(BlobFiles blobFiles) {
    this.blobFiles = blobFiles;
  }

  /** A run with its manifest, as exported. */
  public record Item(Run run, Manifest manifest) {}

  /** Writes {@code items} to {@code target}. */
  public void export(List<Item> items, Path target) throws IOException {
    for (Item item : items) {
      for (ManifestEntry e : item.manifest().entries()) {
        if (e.path().value().equals(META_DIR) || e.path().value().startsWith(META_DIR + "/")) {
          throw new StoreException("run " + item.run().id() + " has a file under " + META_DIR + "/, which export reserves: " + e.path());
        }
      }
    }
    Path absolute = target.toAbsolutePath();
    Path tmp = absolute.resolveSibling("." + absolute.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    try {
      try (OutputStream file = Files.newOutputStream(tmp);
          TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(new BufferedOutputStream(file)))) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (Item item : items) {
          writeRun(tar, item);
        }
        tar.finish();
      }
      Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private void writeRun(TarArchiveOutputStream tar, Item item) throws IOException {
    String folder = item.run().id().value() + "/";
    Date time = Date.from(item.run().created());
    directory(tar, folder, time);
    directory(tar, folder + META_DIR + "/", time);
    byte[] json = (Json.write(RunRecordJson.toJson(item.run(), item.manifest())) + "\n").getBytes(StandardCharsets.UTF_8);
    file(tar, folder + RUN_FILE, json, 0644, time);
    for (ManifestEntry e : item.manifest().entries()) {
      file(tar, folder + e.path().value(), blobFiles.read(e.blob()), e.executable() ? 0755 : 0644, time);
    }
  }

  private static void directory(TarArchiveOutputStream tar, String name, Date time) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE);
    entry.setModTime(time);
    tar.putArchiveEntry(entry);
    tar.closeArchiveEntry();
  }

  private static void file(TarArchiveOutputStream tar, String name, byte[] content, int mode, Date time) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    entry.setMode(0100000 | mode);
    entry.setModTime(time);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }
}
