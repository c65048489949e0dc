package io.btsnap.store.internal.blob;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The file-system steps of the write-once protocol, behind one seam so tests can fail any chosen
 * step and check that the store stays consistent.
 */
public interface FileOperations {
  /** Creates {@code file}, which must not exist, writes {@code content} and fsyncs it. */
  void writeDurably(Path file, byte[] content) throws IOException;

  /** Renames {@code source} to {@code target} atomically. */
  void moveAtomically(Path source, Path target) throws IOException;

  /** Fsyncs folder {@code dir}, making renames and creations in it durable. */
  void syncDirectory(Path dir) throws IOException;

  /** Deletes {@code file} if it exists. */
  void deleteIfExists(Path file) throws IOException;
}
