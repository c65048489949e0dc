/**
 * The LMDB index. lmdbjava types stay inside this package; its exceptions are translated here
 * into {@link io.btsnap.store.model.StoreException}s, a full map is grown and the transaction retried.
 *
 * <p>Threads: one {@link io.btsnap.store.internal.index.Index} per store folder per JVM, shared;
 * each transaction belongs to the thread that runs it and ends before the call returns.
 */
package io.btsnap.store.internal.index;
