package io.btsnap.remote;

import io.btsnap.store.model.StoreException;

/** A remote could not be reached, refused a request, or holds something wrong; the message says which. */
public class RemoteException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with its one-line message. */
  public RemoteException(String message) {
    super(message);
  }

  /** Creates the exception with its one-line message and cause. */
  public RemoteException(String message, Throwable cause) {
    super(message, cause);
  }
}
