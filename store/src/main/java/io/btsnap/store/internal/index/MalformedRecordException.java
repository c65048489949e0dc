package io.btsnap.store.internal.index;

/** An index record that can't be decoded; the index turns it into a corruption error. */
final class MalformedRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MalformedRecordException(String message) {
    super(message);
  }
}
