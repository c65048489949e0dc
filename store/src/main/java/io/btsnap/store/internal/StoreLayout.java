package io.btsnap.store.internal;

import io.btsnap.store.model.StoreException;
import io.btsnap.store.model.UnsupportedFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The folders and format file of a store.
 *
 * <pre>
 * btsnap-store.yaml   format version and hash algorithm
 * index/              the LMDB environment
 * blobs/              write-once content files, fanned out by the first two hex digits
 * tmp/                files being written
 * trash/              blobs a garbage collection is deleting
 * </pre>
 */
public record StoreLayout(Path root) {
  /** The store format this version writes and reads. */
  public static final int FORMAT_VERSION = 1;

  static final String FORMAT_FILE = "btsnap-store.yaml";

  /** Returns the format file. */
  public Path formatFile() {
    return root.resolve(FORMAT_FILE);
  }

  /** Returns the LMDB environment's folder. */
  public Path indexDir() {
    return root.resolve("index");
  }

  /** Returns the blob folder. */
  public Path blobsDir() {
    return root.resolve("blobs");
  }

  /** Returns the folder of unfinished writes. */
  public Path tmpDir() {
    return root.resolve("tmp");
  }

  /** Returns the folder of blobs being deleted. */
  public Path trashDir() {
    return root.resolve("trash");
  }

  /** File systems LMDB can't run on safely: its locks and shared memory map need a local disk. */
  static final java.util.Set<String> NETWORK_FILE_SYSTEMS = java.util.Set.of(
      "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "9p", "afs", "ncpfs", "glusterfs", "ceph",
      "fuse.sshfs", "sshfs", "fuse.s3fs", "fuse.gcsfuse", "fuse.rclone", "davfs", "fuse.davfs2");

  /** Refuses a store on a network file system, before LMDB opens it there. */
  public void checkLocalFileSystem() throws IOException {
    checkFileSystemType(Files.getFileStore(root).type(), root);
  }

  static void checkFileSystemType(String type, Path root) throws StoreException {
    if (NETWORK_FILE_SYSTEMS.contains(type)) {
      throw new StoreException("store at " + root + " is on a " + type + " file system: LMDB's locks and memory map"
          + " need a local disk; put the store in a local folder (--store DIR or $BTSNAP_HOME)");
    }
  }

  /** Returns whether any blob file exists: a store that has ever captured a file. */
  public boolean hasBlobs() throws IOException {
    if (!Files.isDirectory(blobsDir())) {
      return false;
    }
    try (var fanOut = Files.list(blobsDir())) {
      return fanOut.anyMatch(Files::isDirectory);
    }
  }

  /** What a store folder holds, and nothing else. */
  private static final java.util.Set<String> STORE_ENTRIES =
      java.util.Set.of(FORMAT_FILE, "index", "blobs", "tmp", "trash");

  /** Returns whether a store exists here. */
  public boolean exists() {
    return Files.isRegularFile(formatFile());
  }

  /** Refuses a store path that is a file. */
  public void checkIsFolder() throws StoreException {
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new StoreException("store path " + root + " is a file, not a folder: pass --store with a folder");
    }
  }

  /**
   * Refuses a path that is a file, or a folder holding anything but a store's own entries (a
   * store another process is creating): a mistyped {@code --store} must not scatter the store
   * into the user's code.
   */
  public void checkNewOrStore() throws IOException {
    checkIsFolder();
    if (Files.isDirectory(root)) {
      try (var entries = Files.list(root)) {
        Optional<Path> foreign = entries.filter(e -> !STORE_ENTRIES.contains(e.getFileName().toString())).findFirst();
        if (foreign.isPresent()) {
          throw new StoreException(root + " is not a btsnap store and not empty (it holds " + foreign.get().getFileName()
              + "): pass --store with a new or empty folder, or an existing store");
        }
      }
    }
  }

  /**
   * Creates the folders and the format file if they are missing, after {@link #checkNewOrStore}.
   * Modes follow {@code access}; for a group store the root's group must be set already, as new
   * folders take it.
   */
  public void create(StoreAccess access) throws IOException {
    checkNewOrStore();
    boolean made = !Files.exists(root);
    if (root.getParent() != null) {
      Files.createDirectories(root.getParent()); // outside the store: the user's own modes
    }
    access.createFolder(root);
    if (!made && !exists()) {
      // An empty folder the user named becomes the store, with the store's mode.
      access.makeFolderMode(root);
    }
    for (Path dir : List.of(indexDir(), blobsDir(), tmpDir(), trashDir())) {
      access.createFolder(dir);
    }
    if (!exists()) {
      // Two processes may create the store at once: rename replaces atomically, both are equal.
      writeFormatFile(access);
    }
  }

  /** Records {@code access} in the format file, replacing it atomically. */
  public void setAccess(StoreAccess access) throws IOException {
    writeFormatFile(access);
  }

  private void writeFormatFile(StoreAccess access) throws IOException {
    Path tmp = tmpDir().resolve(FORMAT_FILE + "." + ProcessHandle.current().pid());
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, StoreAccess.PRIVATE.fileAttribute());
    try {
      Files.writeString(tmp, "# btsnap store: do not edit\nformat: " + FORMAT_VERSION + "\nhash: sha256\naccess: "
          + access.spelling() + "\n", StandardCharsets.UTF_8);
      access.makeFileMode(tmp);
      Files.move(tmp, formatFile(), StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Returns the regular files under {@code dir}, sorted; a file or folder that vanishes during
   * the walk (a capture or gc running beside) is skipped, not an error.
   */
  public static List<Path> regularFilesIn(Path dir) throws IOException {
    List<Path> found = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return found;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile()) {
          found.add(file);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }
    });
    found.sort(null);
    return found;
  }

  /** Returns the size of {@code file}, or 0 when it vanished since it was listed. */
  public static long sizeOrZero(Path file) throws IOException {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      return 0;
    }
  }

  /** Reads the format file and refuses a version this code does not know. */
  /** Checks the format file and returns the store's access, private unless it says otherwise. */
  public StoreAccess checkFormat() throws IOException {
    String version = null;
    String hash = null;
    String access = StoreAccess.PRIVATE.spelling();
    for (String line : Files.readAllLines(formatFile(), StandardCharsets.UTF_8)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("format:")) {
        version = trimmed.substring("format:".length()).strip();
      } else if (trimmed.startsWith("hash:")) {
        hash = trimmed.substring("hash:".length()).strip();
      } else if (trimmed.startsWith("access:")) {
        access = trimmed.substring("access:".length()).strip();
      }
    }
    if (!String.valueOf(FORMAT_VERSION).equals(version)) {
      throw new UnsupportedFormatException(
          String.valueOf(version),
          "store at " + root + " has format " + version + "; this btsnap reads format "
              + FORMAT_VERSION);
    }
    if (!"sha256".equals(hash)) {
      throw new UnsupportedFormatException(
          String.valueOf(version), "store at " + root + " uses hash " + hash + ", not sha256");
    }
    try {
      return StoreAccess.fromSpelling(access);
    } catch (IllegalArgumentException e) {
      throw new UnsupportedFormatException(String.valueOf(version), "store at " + root + ": " + e.getMessage());
    }
  }

  /** Returns where the store lives when none is given: {@code $BTSNAP_HOME}, else {@code ~/.btsnap}. */
  public static Path defaultLocation(java.util.Map<String, String> environment) {
    String home = environment.get("BTSNAP_HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home);
    }
    return Path.of(System.getProperty("user.home"), ".btsnap");
  }
}
