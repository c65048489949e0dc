package io.btsnap.store.internal.index;

import java.io.IOException;

/**
 * Work done inside one index transaction. A write function may run more than once (the index
 * retries it after growing a full map), so it must not keep effects of an aborted attempt.
 *
 * @param <T> the transaction view it receives
 * @param <R> its result
 */
@FunctionalInterface
public interface IndexFunction<T, R> {
  /** Does the work. */
  R apply(T view) throws IOException;
}
