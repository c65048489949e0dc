package io.btsnap.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * The private folder of one store's service for one user, and the files in it:
 *
 * <pre>
 * serve.lock   held by the service for its whole life: whoever can take it knows none runs
 * serve.sock   the Unix domain socket
 * serve.json   pid, protocol, store; written by rename once the socket listens
 * serve.log    the service's output
 * start.lock   taken by a client while it starts a service, so two clients start one
 * </pre>
 *
 * <p>Where: {@code $XDG_RUNTIME_DIR/btsnap/<hash of the store's real path>-p<protocol>}, else
 * {@code <store>/serve/u<uid>-p<protocol>}; when that makes the socket's path longer than a Unix
 * socket address holds, {@code /tmp/btsnap-<uid>/<hash>-p<protocol>}. The Python client computes
 * the same folder: change one, change both. The folder is {@code 0700} and must be owned by the
 * user; anything else is refused, never repaired.
 */
public final class ServiceFolder {
  /** The protocol's version; a client of another version uses another folder, so another service. */
  public static final int PROTOCOL = 1;
  /** Bytes a socket path may have: sun_path holds 108 with its terminating zero. */
  static final int MAX_SOCKET_PATH = 107;
  private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

  private final Path dir;
  private final Path store;
  private final long uid;

  private ServiceFolder(Path dir, Path store, long uid) {
    this.dir = dir;
    this.store = store;
    this.uid = uid;
  }

  /** Returns the folder of the service of {@code storeDir} (which must exist) for this user. */
  public static ServiceFolder of(Path storeDir, Map<String, String> environment) throws IOException {
    Path store = storeDir.toRealPath();
    // The owner of /proc/self is this process's user: a stat, where JAAS's UnixSystem loads a
    // native library first.
    long uid = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
    String name = hash(store.toString()) + "-p" + PROTOCOL;
    String runtime = environment.get("XDG_RUNTIME_DIR");
    Path dir;
    if (runtime != null && runtime.startsWith("/") && Files.isDirectory(Path.of(runtime))) {
      dir = Path.of(runtime, "btsnap", name);
    } else {
      dir = store.resolve("serve").resolve("u" + uid + "-p" + PROTOCOL);
    }
    if (dir.resolve("serve.sock").toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
      dir = Path.of("/tmp", "btsnap-" + uid, name);
    }
    return new ServiceFolder(dir, store, uid);
  }

  static String hash(String storePath) {
    return HexFormat.of().formatHex(FolderHash.sha256(storePath)).substring(0, 16);
  }

  /** Creates the folder and its parent if missing, and checks both are this user's alone. */
  public void create() throws IOException {
    for (Path d : new Path[] {dir.getParent(), dir}) {
      if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
        try {
          Files.createDirectory(d, PosixFilePermissions.asFileAttribute(PRIVATE));
        } catch (java.nio.file.FileAlreadyExistsException raced) {
          // another client or service made it: checked below like any other
        }
      }
      // The umask only narrows the creation mode: a wider one is someone's doing.
      checkPrivate(d);
    }
  }

  private void checkPrivate(Path d) throws IOException {
    Object owner = Files.getAttribute(d, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) Files.getAttribute(d, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) || ((Number) owner).longValue() != uid) {
      throw new IOException("service folder " + d + " is not a folder of this user (uid " + uid + "): refusing to use it");
    }
    if ((mode & 0077) != 0) {
      throw new IOException(String.format("service folder %s has mode %04o, others can reach it: refusing to use it", d, mode & 07777));
    }
  }

  /** Returns the folder. */
  public Path dir() {
    return dir;
  }

  /** Returns the store's real path. */
  public Path store() {
    return store;
  }

  /** Returns the uid of this user, the only one the service serves. */
  public long uid() {
    return uid;
  }

  Path lockFile() {
    return dir.resolve("serve.lock");
  }

  /** Returns the socket's path. */
  public Path socket() {
    return dir.resolve("serve.sock");
  }

  Path infoFile() {
    return dir.resolve("serve.json");
  }
}
