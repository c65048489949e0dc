/**
 * The public API of the btsnap store: {@link io.btsnap.store.Store} and its run queries; the
 * values it takes and returns are in {@link io.btsnap.store.model}.
 *
 * <p>Threads: a {@code Store} may be shared by threads; values are immutable records. Errors: every
 * operation declares {@link java.io.IOException}; failures a user can act on are {@link
 * io.btsnap.store.model.StoreException}s with a one-line message. The library never prints.
 */
package io.btsnap.store;
