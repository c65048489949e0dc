package io.btsnap.store.model;

/**
 * A run a commit added, with what it added to the store.
 *
 * @param newBlobs blobs no run referenced before
 * @param newBytes their size
 */
public record Committed(Run run, Manifest manifest, int newBlobs, long newBytes) {}
