package io.btsnap.store.model;

/** A capture was refused before writing anything: the store's disk is too full for it. */
public final class DiskSpaceException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line message giving the free and needed bytes. */
  public DiskSpaceException(String message) {
    super(message);
  }
}
