/** Checking the store's invariants for {@code store verify}; read-only, reports rather than throws. */
package io.btsnap.store.internal.verify;
