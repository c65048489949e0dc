/** The write path of a capture: blobs first, then one durable index transaction. */
package io.btsnap.store.internal.capture;
