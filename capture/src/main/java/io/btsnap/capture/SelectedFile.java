package io.btsnap.capture;

import io.btsnap.bytes.HashedBytes;
import io.btsnap.store.model.RelativePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One file a capture takes.
 *
 * @param path its path in the manifest, relative to the root
 * @param source where it is read from (for a generated file, where it would lie: it need not exist)
 * @param reason why it was selected, for {@code --explain} and {@code show}
 * @param origin how it was selected, which decides the guards it passes
 * @param content the bytes the client sent for a file it generated; empty to read {@code source}
 * @param read the bytes selection already read from {@code source} (import analysis reads every
 *     file it follows), hashed: the capture stores these rather than read the file again
 */
public record SelectedFile(
    RelativePath path, Path source, String reason, Origin origin, Optional<byte[]> content, Optional<HashedBytes> read) {
  /** How a file was selected. */
  public enum Origin {
    /** The entry point, given or detected. */
    ENTRY,
    /** Found by import analysis. */
    IMPORTED,
    /** Listed by its exact path in strategy.yaml: the user's explicit choice. */
    LISTED,
    /** Matched by a glob in strategy.yaml. */
    MATCHED,
    /** Sent by the client with its content (a notebook without outputs): what the process ran. */
    GENERATED;

    /** Whether the user named this very file, so guards against accidents warn instead of refusing. */
    public boolean isExplicit() {
      return this == ENTRY || this == LISTED || this == GENERATED;
    }
  }

  /** Checks the fields. */
  public SelectedFile {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(read, "read");
  }

  /** A file with {@code content} sent for it, or read from {@code source} when empty. */
  public SelectedFile(RelativePath path, Path source, String reason, Origin origin, Optional<byte[]> content) {
    this(path, source, reason, origin, content, Optional.empty());
  }

  /** A file read from {@code source}. */
  public SelectedFile(RelativePath path, Path source, String reason, Origin origin) {
    this(path, source, reason, origin, Optional.empty(), Optional.empty());
  }

  /** Returns this file with {@code bytes}, read from its source during selection. */
  public SelectedFile withRead(HashedBytes bytes) {
    return content.isPresent() ? this : new SelectedFile(path, source, reason, origin, content, Optional.of(bytes));
  }

  /** Returns its size in bytes: of the content sent, else of the file on disk. */
  public long size() throws IOException {
    return content.isPresent() ? content.get().length : read.isPresent() ? read.get().bytes().length : Files.size(source);
  }
}
