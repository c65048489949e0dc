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
 * the owner can read a store, whatever the umask. A file or folder gets its mode as it is
 * created, so a process killed right after leaves nothing open; the umask can only remove bits
 * from it, and a umask that removes the owner's own is repaired afterwards.
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

  /** Creates {@code dir} with mode 0700 if it is missing (its parent must exist). */
  public static void createFolder(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(FOLDER));
    } catch (java.nio.file.FileAlreadyExistsException e) {
      return; // another process made it, the same way
    }
    if (!Files.getPosixFilePermissions(dir).equals(FOLDER)) {
      Files.setPosixFilePermissions(dir, FOLDER);
    }
  }
}
