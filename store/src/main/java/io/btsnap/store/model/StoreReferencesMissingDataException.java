package io.btsnap.store.model;

/** gc refuses to run: the store already references data it does not have. */
public final class StoreReferencesMissingDataException extends StoreException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception naming the first problem found. */
  public StoreReferencesMissingDataException(String problem, int count) {
    super("gc deleted nothing: the store references missing data (" + problem
        + (count > 1 ? ", and " + (count - 1) + " more" : "") + "); run 'btsnap store verify'");
  }
}
