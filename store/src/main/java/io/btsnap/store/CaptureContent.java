package io.btsnap.store;

import io.btsnap.capture.FileSelection;
import io.btsnap.capture.SelectionException;
import io.btsnap.capture.SelectedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of a selection, read and hashed: everything a capture does before it needs the
 * store. A command line reads them while its store is still opening on another thread.
 */
public final class CaptureContent {
  private final FileSelection selection;
  private final Manifest manifest;
  private final Provenance provenance;
  private final Map<BlobId, byte[]> blobs;

  private CaptureContent(FileSelection selection, Manifest manifest, Provenance provenance, Map<BlobId, byte[]> blobs) {
    this.selection = selection;
    this.manifest = manifest;
    this.provenance = provenance;
    this.blobs = blobs;
  }

  /**
   * Reads every file of {@code selection}; a file over {@code maxFileBytes}, or one gone since it
   * was selected, fails the capture.
   */
  public static CaptureContent read(FileSelection selection, long maxFileBytes) throws IOException {
    Map<BlobId, byte[]> blobs = new LinkedHashMap<>();
    List<ManifestEntry> entries = new ArrayList<>(selection.files().size());
    Map<String, String> reasons = new LinkedHashMap<>();
    for (SelectedFile file : selection.files()) {
      byte[] content = read(file, maxFileBytes);
      BlobId id = BlobId.of(content);
      blobs.putIfAbsent(id, content);
      entries.add(new ManifestEntry(file.path(), id, content.length, isExecutable(file)));
      reasons.put(file.path().value(), file.reason());
    }
    return new CaptureContent(
        selection, Manifest.of(entries), Provenance.of(reasons), Collections.unmodifiableMap(blobs));
  }

  /** Returns the selection the files came from. */
  public FileSelection selection() {
    return selection;
  }

  /** Returns the manifest that lists the files. */
  public Manifest manifest() {
    return manifest;
  }

  /** Returns why each file was taken. */
  public Provenance provenance() {
    return provenance;
  }

  /** Returns each distinct content by its hash, in selection order. */
  public Map<BlobId, byte[]> blobs() {
    return blobs;
  }

  private static byte[] read(SelectedFile file, long maxBytes) throws IOException {
    try {
      long size = Files.size(file.source());
      if (size > maxBytes) {
        throw new SelectionException(String.format(
            "%s is %d bytes, over the %d-byte limit (--max-file-size); raise the limit or exclude it",
            file.path(), size, maxBytes));
      }
      return Files.readAllBytes(file.source());
    } catch (NoSuchFileException e) {
      throw new SelectionException("file vanished before it could be read: " + file.source());
    }
  }

  private static boolean isExecutable(SelectedFile file) throws IOException {
    return Files.getPosixFilePermissions(file.source()).contains(PosixFilePermission.OWNER_EXECUTE);
  }
}
