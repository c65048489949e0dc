/**
 * Implementation of the store, with no API promise: the layout of its folders. Only {@code
 * io.btsnap.store} may use these packages.
 */
package io.btsnap.store.internal;
