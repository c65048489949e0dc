package io.btsnap.store.model;

import java.io.IOException;

/** A failure of a store operation that a user can act on; its message is one line. */
public class StoreException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line message. */
  public StoreException(String message) {
    super(message);
  }

  /** Creates the exception with a one-line message and its cause. */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
