package io.btsnap.capture.pipeline;

import io.btsnap.bytes.HashedBytes;
import io.btsnap.capture.FileSelection;
import io.btsnap.capture.SelectedFile;
import io.btsnap.capture.SelectionException;
import io.btsnap.secrets.SecretRules;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files of a selection, read and hashed: everything a capture does before it needs the
 * store. A command line reads them while its store is still opening on another thread.
 */
public final class CaptureContent {
  private final FileSelection selection;
  private final Manifest manifest;
  private final Provenance provenance;
  private final Map<BlobId, byte[]> blobs;
  private final List<String> warnings;

  /** The largest file taken when listed exactly: what one array holds, with room to spare. */
  public static final long MAX_LISTED_FILE_BYTES = 1L << 30;

  private CaptureContent(
      FileSelection selection, Manifest manifest, Provenance provenance, Map<BlobId, byte[]> blobs, List<String> warnings) {
    this.selection = selection;
    this.manifest = manifest;
    this.provenance = provenance;
    this.blobs = blobs;
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Reads every file of {@code selection}, refusing before anything is stored: a file gone since
   * it was selected; one over {@code maxFileBytes} (a file listed exactly in strategy.yaml is the
   * user's choice and is taken up to {@link #MAX_LISTED_FILE_BYTES}); one that looks like a secret
   * ({@link SecretRules}) unless the user named it, which is a warning instead. A file the client
   * sent ({@link SelectedFile#content()}) is taken as sent, never executable.
   */
  public static CaptureContent read(FileSelection selection, long maxFileBytes) throws IOException {
    Map<BlobId, byte[]> blobs = new LinkedHashMap<>();
    List<ManifestEntry> entries = new ArrayList<>(selection.files().size());
    Map<String, String> reasons = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    for (SelectedFile file : selection.files()) {
      // Hashed once: the blob's id and the key of the secret scan's memo.
      HashedBytes content = read(file, file.origin() == SelectedFile.Origin.LISTED ? MAX_LISTED_FILE_BYTES : maxFileBytes);
      Optional<String> secret = SecretRules.check(file.source().getFileName().toString(), content)
          .or(() -> SecretRules.byName(file.path().name()));
      if (secret.isPresent()) {
        if (!file.origin().isExplicit()) {
          throw new SelectionException(file.path() + " looks like a secret (" + secret.get() + "), selected as "
              + file.reason() + "; nothing captured: exclude it (exclude: in strategy.yaml, or .btsnapignore),"
              + " or list it exactly in strategy.yaml to capture it");
        }
        warnings.add("capturing " + file.path() + ", which looks like a secret (" + secret.get()
            + "), because it was named exactly; every export and push will carry it");
      }
      BlobId id = BlobId.fromBytes(content.sha256());
      blobs.putIfAbsent(id, content.bytes());
      entries.add(new ManifestEntry(file.path(), id, content.bytes().length, isExecutable(file)));
      reasons.put(file.path().value(), file.reason());
    }
    return new CaptureContent(
        selection, Manifest.of(entries), Provenance.of(reasons), Collections.unmodifiableMap(blobs), warnings);
  }

  /** Returns what reading the files found worth telling (a secret taken because it was named). */
  public List<String> warnings() {
    return warnings;
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

  private static HashedBytes read(SelectedFile file, long maxBytes) throws IOException {
    try {
      long size = file.size();
      if (size > maxBytes) {
        throw new SelectionException(String.format(
            "%s is %s, over the limit of %s (%s); %s",
            file.path(), io.btsnap.bytes.ByteSizes.human(size), io.btsnap.bytes.ByteSizes.human(maxBytes),
            file.origin() == SelectedFile.Origin.LISTED ? "the most btsnap takes" : "--max-file-size",
            file.origin() == SelectedFile.Origin.LISTED ? "leave it out" : "raise the limit or exclude it"));
      }
      if (file.read().isPresent()) {
        return file.read().get();
      }
      return file.content().isPresent() ? HashedBytes.of(file.content().get()) : HashedBytes.read(file.source());
    } catch (NoSuchFileException e) {
      throw new SelectionException("file vanished before it could be read: " + file.source());
    }
  }

  private static boolean isExecutable(SelectedFile file) throws IOException {
    return file.content().isEmpty() && Files.getPosixFilePermissions(file.source()).contains(PosixFilePermission.OWNER_EXECUTE);
  }
}
