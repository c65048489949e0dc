package io.btsnap.store;

/**
 * What a capture stored.
 *
 * @param run the new run
 * @param manifest its manifest
 * @param newBlobs how many blobs the store did not hold before
 * @param newBytes the raw size of those blobs
 */
public record CaptureResult(Run run, Manifest manifest, int newBlobs, long newBytes) {}
