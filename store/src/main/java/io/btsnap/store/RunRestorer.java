package io.btsnap.store;

import io.btsnap.store.internal.blob.BlobFiles;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.RelativePath;
import io.btsnap.store.model.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;

/** Writes a manifest's files into an empty folder, byte-identical, with their executable bits. */
final class RunRestorer {
  private final BlobFiles blobFiles;

  RunRestorer(BlobFiles blobFiles) {
    this.blobFiles = blobFiles;
  }

  void restore(Manifest manifest, Path target) throws IOException {
    checkEmptyOrAbsent(target);
    Files.createDirectories(target);
    Path root = target.toRealPath();
    for (ManifestEntry entry : manifest.entries()) {
      byte[] content = blobFiles.read(entry.blob());
      // RelativePath can't hold "..", and the folder started empty, so no link can redirect this.
      Path file = entry.path().resolveAgainst(root);
      Files.createDirectories(file.getParent());
      Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      if (entry.executable()) {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        perms.add(PosixFilePermission.OWNER_EXECUTE);
        if (perms.contains(PosixFilePermission.GROUP_READ)) {
          perms.add(PosixFilePermission.GROUP_EXECUTE);
        }
        if (perms.contains(PosixFilePermission.OTHERS_READ)) {
          perms.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        Files.setPosixFilePermissions(file, perms);
      }
    }
  }

  private static void checkEmptyOrAbsent(Path target) throws IOException {
    if (!Files.exists(target)) {
      return;
    }
    if (!Files.isDirectory(target)) {
      throw new StoreException("restore target is not a folder: " + target);
    }
    try (Stream<Path> children = Files.list(target)) {
      if (children.findAny().isPresent()) {
        throw new StoreException("restore target is not empty: " + target);
      }
    }
  }
}
