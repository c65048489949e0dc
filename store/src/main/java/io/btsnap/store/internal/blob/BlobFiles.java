package io.btsnap.store.internal.blob;

import io.btsnap.store.internal.StoreAccess;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.DiskSpaceException;
import io.btsnap.store.model.StoreCorruptException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The write-once blob files of a store.
 *
 * <pre>
 * blobs/ab/abcdef…   the raw content whose SHA-256 hex is the file's name, read-only
 * tmp/               files being written; renamed into blobs/ once fsynced
 * </pre>
 */
public final class BlobFiles {
  private final Path blobsDir;
  private final Path tmpDir;
  private final Path trashDir;
  private final FileOperations files;
  private final StoreAccess access;

  /** Creates the view of {@code blobsDir}, writing through {@code tmpDir}, gc moving files to {@code trashDir}. */
  public BlobFiles(Path blobsDir, Path tmpDir, Path trashDir, FileOperations files) {
    this(blobsDir, tmpDir, trashDir, files, StoreAccess.PRIVATE);
  }

  /** Creates the blob files of a store with {@code access}. */
  public BlobFiles(Path blobsDir, Path tmpDir, Path trashDir, FileOperations files, StoreAccess access) {
    this.access = access;
    this.blobsDir = blobsDir;
    this.tmpDir = tmpDir;
    this.trashDir = trashDir;
    this.files = files;
  }

  /** Returns where gc puts blob {@code id}'s file while it deletes it. */
  public Path trashFileFor(BlobId id) {
    return trashDir.resolve(id.hex());
  }

  /** Returns the file that holds blob {@code id}. */
  public Path fileFor(BlobId id) {
    return blobsDir.resolve(id.hex().substring(0, 2)).resolve(id.hex());
  }

  /** Returns whether blob {@code id} has its file. */
  public boolean exists(BlobId id) {
    return Files.exists(fileFor(id));
  }

  /**
   * Writes {@code content} as blob {@code id} unless a file with that content is already there.
   * Returns whether it wrote the file. The file appears whole or not at all.
   */
  public boolean writeIfAbsent(BlobId id, byte[] content) throws IOException {
    Path target = fileFor(id);
    if (Files.exists(target)) {
      if (BlobId.of(Files.readAllBytes(target)).equals(id)) {
        return false;
      }
      // A damaged file that no index record vouches for yet: replace it by the atomic rename
      // below rather than trust it.
    }
    for (int attempt = 1; ; attempt++) {
      Path tmp = tmpDir.resolve(TempFileOwner.newName(id.hex()));
      try {
        write(tmp, target, content);
        return true;
      } catch (TempFileVanishedException e) {
        // gc spares temp files of live processes; someone else removed it: write it again.
        if (attempt == MAX_ATTEMPTS) {
          throw new IOException("temp file " + tmp + " was deleted " + MAX_ATTEMPTS + " times while written: is something emptying the store's tmp/ folder?", e);
        }
      }
    }
  }

  private static final int MAX_ATTEMPTS = 5;

  /** The temp file disappeared between its write and its rename. */
  private static final class TempFileVanishedException extends IOException {
    private static final long serialVersionUID = 1L;

    TempFileVanishedException(Throwable cause) {
      super(cause);
    }
  }

  private void write(Path tmp, Path target, byte[] content) throws IOException {
    try {
      files.writeDurably(tmp, content);
      makeReadOnly(tmp);
      moveIntoPlace(tmp, target);
      files.syncDirectory(target.getParent());
    } catch (IOException | RuntimeException e) {
      try {
        files.deleteIfExists(tmp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      // With tmp/ in place, a missing file can only be our temp file, deleted by a gc.
      if (e instanceof NoSuchFileException && Files.isDirectory(tmpDir)) {
        throw new TempFileVanishedException(e);
      }
      if (isDiskFull(e)) {
        throw new DiskSpaceException("disk full: no space left on the store's file system for blob "
            + target.getFileName().toString().substring(0, 12) + "; nothing stored (free space, or run 'btsnap store gc')");
      }
      throw e;
    }
  }

  private static boolean isDiskFull(Exception e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("No space left on device") || message.contains("Disk quota exceeded");
  }

  private void moveIntoPlace(Path tmp, Path target) throws IOException {
    try {
      files.moveAtomically(tmp, target);
    } catch (NoSuchFileException e) {
      if (!Files.exists(tmp)) {
        throw new TempFileVanishedException(e);
      }
      // The fan-out folder is created on first use; its creation must be durable too.
      access.createFolder(target.getParent());
      files.syncDirectory(blobsDir);
      try {
        files.moveAtomically(tmp, target);
      } catch (NoSuchFileException again) {
        throw Files.exists(tmp) ? again : new TempFileVanishedException(again);
      }
    }
  }

  private void makeReadOnly(Path file) throws IOException {
    access.makeBlobMode(file);
  }

  /** Returns who may read the store, which sets the modes of what is written. */
  public StoreAccess access() {
    return access;
  }

  /** Returns the bytes this user may still write on the blobs' file system. */
  public long usableSpace() throws IOException {
    // statvfs alone: Files.getFileStore reads the whole mount table first, on every capture.
    long free = blobsDir.toFile().getUsableSpace();
    return free > 0 ? free : Files.getFileStore(blobsDir).getUsableSpace();
  }

  /** Returns the content of blob {@code id}, checked against its hash. */
  public byte[] read(BlobId id) throws IOException {
    Path file = fileFor(id);
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      // A gc that died before its commit leaves the files it was deleting in trash/, still
      // listed, until the next gc or capture puts them back; they read from there meanwhile.
      try {
        file = trashFileFor(id);
        content = Files.readAllBytes(file);
      } catch (NoSuchFileException alsoMissing) {
        throw new StoreCorruptException(fileFor(id), "blob " + id.shortForm() + " is missing: " + fileFor(id), e);
      }
    }
    if (!BlobId.of(content).equals(id)) {
      throw new StoreCorruptException(
          file, "blob " + id.shortForm() + " does not match its hash: " + file, null);
    }
    return content;
  }
}
