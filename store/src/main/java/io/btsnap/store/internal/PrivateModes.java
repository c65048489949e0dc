package io.btsnap.store.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The modes of a store's files: strategy code is proprietary and machines are shared, so only
 * the owner can read a store, whatever the umask. Modes given when a file is created are masked
 * by the umask (which can only remove bits); folders are set explicitly after creation, since
 * {@code createDirectories} would otherwise leave them as the umask says.
 */
public final class PrivateModes {
  /** Folders: {@code 0700}. */
  public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
  /** Files the store changes (the format file, the index, locks): {@code 0600}. */
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  /** Blob files, written once: {@code 0400}, so a stray write fails. */
  public static final Set<PosixFilePermission> BLOB = PosixFilePermissions.fromString("r--------");
  /** The octal mode of {@link #FILE}, for LMDB's own files. */
  public static final int FILE_OCTAL = 0600;

  private PrivateModes() {}

  /** Returns the attribute that creates a file no other user can read. */
  public static FileAttribute<Set<PosixFilePermission>> fileAttribute() {
    return PosixFilePermissions.asFileAttribute(FILE);
  }

  /** Creates {@code dir} and any missing parents up to it; the folders it creates get mode 0700. */
  public static void createFolder(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null && !Files.exists(parent)) {
      Files.createDirectories(parent);
    }
    try {
      Files.createDirectory(dir);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      return; // another process made it; it set the mode
    }
    Files.setPosixFilePermissions(dir, FOLDER);
  }
}
