package io.btsnap.store.model;

/** The store, or a record in it, was written in a format this version can't read. */
public final class UnsupportedFormatException extends StoreException {
  private static final long serialVersionUID = 1L;
  private final String version;

  /** Creates the exception for the version found. */
  public UnsupportedFormatException(String version, String message) {
    super(message);
    this.version = version;
  }

  /** Returns the version found. */
  public String version() {
    return version;
  }
}
