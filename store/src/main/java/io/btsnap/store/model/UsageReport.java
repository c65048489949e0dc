package io.btsnap.store.model;

/**
 * How much a store holds and takes; the fields of {@code store du --json}.
 *
 * @param runs number of runs
 * @param blobs number of unique blobs
 * @param files number of files over all runs
 * @param logicalBytes sum over runs of their files' sizes: what per-run copies would take
 * @param blobBytes sum of the unique blobs' raw sizes
 * @param storedBytes what the store's files occupy on disk, rounded up to whole blocks
 * @param dedupRatio logicalBytes over blobBytes (1 when the store is empty)
 * @param freeBytes free space on the store's file system, for this user
 * @param fileSystemBytes the size of the store's file system
 */
public record UsageReport(
    long runs,
    long blobs,
    long files,
    long logicalBytes,
    long blobBytes,
    long storedBytes,
    double dedupRatio,
    long freeBytes,
    long fileSystemBytes) {

  /** Returns the share of the file system in use, from 0 to 1. */
  public double fileSystemUsedFraction() {
    return fileSystemBytes == 0 ? 0 : 1 - (double) freeBytes / fileSystemBytes;
  }
}
