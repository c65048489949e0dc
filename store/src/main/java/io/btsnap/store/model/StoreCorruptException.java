package io.btsnap.store.model;

import java.nio.file.Path;

/** Part of the store is unreadable or contradicts the invariants. */
public final class StoreCorruptException extends StoreException {
  private static final long serialVersionUID = 1L;
  private final transient Path path;

  /** Creates the exception naming the damaged file or folder. */
  public StoreCorruptException(Path path, String message, Throwable cause) {
    super(message, cause);
    this.path = path;
  }

  /** Returns the damaged file or folder. */
  public Path path() {
    return path;
  }
}
