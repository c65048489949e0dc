package io.btsnap.store.model;

/**
 * What one run takes, for {@code store du --runs}.
 *
 * @param run the run
 * @param files its number of files
 * @param logicalBytes the sum of its files' sizes
 * @param exclusiveBytes the bytes of blobs no other run references: what deleting it would free
 */
public record RunUsage(Run run, int files, long logicalBytes, long exclusiveBytes) {}
