package io.btsnap.store.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Who may read a store, and the modes that follow. Strategy code is proprietary and machines are
 * shared, so a store is private unless made for a group ({@code store init --group}), whatever
 * the umask. A file or folder gets its mode as it is created, so a process killed right after
 * leaves nothing open; the umask can only remove bits, and what it removes is set afterwards.
 */
public enum StoreAccess {
  /** The owner alone: folders 0700, files 0600, blobs 0400. */
  PRIVATE("private", 0700, 0600, 0400),
  /** The owner and the store folder's group: folders 2770 (new entries keep the group), files 0660, blobs 0440. */
  GROUP("group", 02770, 0660, 0440);

  private static final int PERMISSION_BITS = 07777;

  private final String spelling;
  private final int folderMode;
  private final int fileMode;
  private final int blobMode;

  StoreAccess(String spelling, int folderMode, int fileMode, int blobMode) {
    this.spelling = spelling;
    this.folderMode = folderMode;
    this.fileMode = fileMode;
    this.blobMode = blobMode;
  }

  /** Returns the word of the format file, {@code private} or {@code group}. */
  public String spelling() {
    return spelling;
  }

  /** Returns the access spelled {@code text}; throws {@link IllegalArgumentException} for another word. */
  public static StoreAccess fromSpelling(String text) {
    for (StoreAccess access : values()) {
      if (access.spelling.equals(text)) {
        return access;
      }
    }
    throw new IllegalArgumentException("unknown store access '" + text + "' (known: private, group)");
  }

  /** Returns the octal mode of the files the store changes (format file, index, locks). */
  public int fileMode() {
    return fileMode;
  }

  /** Returns the attribute that creates a file with this access's file mode (less the umask). */
  public FileAttribute<Set<PosixFilePermission>> fileAttribute() {
    return PosixFilePermissions.asFileAttribute(permissions(fileMode));
  }

  /** Creates {@code dir} with the folder mode if it is missing (its parent must exist). */
  public void createFolder(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(permissions(folderMode)));
    } catch (FileAlreadyExistsException e) {
      return; // another process made it, the same way
    }
    setMode(dir, folderMode);
  }

  /** Gives {@code dir}, a folder of the store, its mode. */
  public void makeFolderMode(Path dir) throws IOException {
    setMode(dir, folderMode);
  }

  /** Gives {@code file}, a file the store changes, its mode. */
  public void makeFileMode(Path file) throws IOException {
    setMode(file, fileMode);
  }

  /** Gives {@code blob} its mode: read-only, so a stray write fails. */
  public void makeBlobMode(Path blob) throws IOException {
    setMode(blob, blobMode);
  }

  /** Returns the mode a store entry should have: a folder's, a blob's or a file's. */
  public int modeFor(Path path, Path blobsDir) {
    return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? folderMode : path.startsWith(blobsDir) ? blobMode : fileMode;
  }

  /** Whether {@code mode} lets in someone this access keeps out. */
  public boolean exposes(int mode) {
    int outside = this == PRIVATE ? 077 : 007;
    return (mode & outside) != 0;
  }

  /** Returns the permission bits of {@code path}, not following a link. */
  public static int modeOf(Path path) throws IOException {
    return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & PERMISSION_BITS;
  }

  /** Sets {@code mode}, with the set-group-id bit {@link PosixFilePermission} can't name, if it differs. */
  public static void setMode(Path path, int mode) throws IOException {
    if (modeOf(path) != mode) {
      Files.setAttribute(path, "unix:mode", mode);
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    StringBuilder text = new StringBuilder();
    String letters = "rwxrwxrwx";
    for (int bit = 8; bit >= 0; bit--) {
      text.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
    }
    return PosixFilePermissions.fromString(text.toString());
  }
}
