/**
 * Run queries shared by {@code btsnap ls} and {@code btsnap ui}: filters over labels, parameters
 * and metrics, their order, and pages of the result read in one pass over the store.
 *
 * <p>Threads: queries are immutable and may be shared. Errors: a query that cannot be read
 * throws {@link java.lang.IllegalArgumentException} with a one-line message for the user; reading
 * the store throws {@link java.io.IOException}.
 */
package io.btsnap.store.query;
