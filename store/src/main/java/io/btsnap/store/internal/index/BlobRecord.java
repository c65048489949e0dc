package io.btsnap.store.internal.index;

/**
 * What the index knows of one blob.
 *
 * @param size the raw content's size
 * @param storedSize the blob file's size
 * @param codec how the file encodes the content; {@link #CODEC_NONE} stores the raw bytes
 * @param refCount the number of manifest entries that reference the blob
 */
public record BlobRecord(long size, long storedSize, int codec, long refCount) {

  /** The blob file holds the raw bytes. */
  public static final int CODEC_NONE = 0;

  /** Returns this record with {@code refCount} changed by {@code delta}. */
  public BlobRecord withRefCountAdded(long delta) {
    return new BlobRecord(size, storedSize, codec, refCount + delta);
  }
}
