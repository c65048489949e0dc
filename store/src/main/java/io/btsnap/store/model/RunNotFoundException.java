package io.btsnap.store.model;

/** No run matches what the user named. */
public final class RunNotFoundException extends StoreException {
  private static final long serialVersionUID = 1L;
  private final String runRef;

  /** Creates the exception for the reference the user gave. */
  public RunNotFoundException(String runRef, String why) {
    super(why);
    this.runRef = runRef;
  }

  /** Returns what the user named: an id, a prefix, or {@code latest}. */
  public String runRef() {
    return runRef;
  }
}
