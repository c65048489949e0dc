package io.btsnap.capture;

/** The files a capture was asked to take can't be selected: missing, not a file, outside the root. */
public final class SelectionException extends java.io.IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a one-line message naming the file. */
  public SelectionException(String message) {
    super(message);
  }
}
