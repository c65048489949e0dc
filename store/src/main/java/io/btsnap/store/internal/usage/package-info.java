/** Counting what a store holds for {@code store du}; read-only. */
package io.btsnap.store.internal.usage;
