package io.btsnap.remote;

/**
 * An object of an encrypted remote failed authentication: changed, truncated, or moved from
 * another name or repository. The reader that knows what the object holds (a blob's hash, a
 * run's manifest) names it by that in its own message.
 */
public final class ObjectAuthenticationException extends RemoteException {
  private static final long serialVersionUID = 1L;

  private final String objectName;

  ObjectAuthenticationException(String remote, String objectName) {
    super("remote " + remote + ": object " + objectName + " failed authentication: damaged, tampered with or swapped");
    this.objectName = objectName;
  }

  /** The object's name under the remote's root, as the bucket holds it. */
  public String objectName() {
    return objectName;
  }
}
