/**
 * The values of the store, shared by its API ({@link io.btsnap.store.Store}) and its
 * implementation ({@code io.btsnap.store.internal}): ids, runs, manifests, requests, reports and
 * the failures that carry them. They live below both so that neither imports the other back.
 *
 * <p>Threads: the values are immutable and may be shared freely; a {@link
 * io.btsnap.store.model.GcProgress} is called on the thread running the gc. Errors: constructors
 * and parsers throw {@link java.lang.IllegalArgumentException} on a malformed value; store
 * failures a user can act on are {@link io.btsnap.store.model.StoreException}s, each with a
 * one-line message. Nothing here does I/O, and it imports only the leaf packages {@code bytes}
 * and {@code time}, nothing of the store.
 */
package io.btsnap.store.model;
