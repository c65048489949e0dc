package io.btsnap.remote;

import io.btsnap.store.model.BlobId;

/**
 * How a remote's objects are named and stored: where its object names ({@code blobs/…},
 * {@code runs/…}, {@code leases/…}, {@code gc/…}) live under the prefix, and what their bodies
 * become on the way in and out. Push, pull and gc speak in names; {@link ObjectStore} applies
 * the layout. {@link PlainLayout} stores names and bodies as they are; {@link EncryptedLayout}
 * keys the names of content and seals every body.
 */
interface BucketLayout {
  /** The folder, under the prefix, that holds every object name. */
  String root();

  /** The name of blob {@code id}. */
  String blob(BlobId id);

  /** The name of manifest {@code id}. */
  String manifest(BlobId id);

  /** The name of a run segment with {@code body}. */
  String segment(byte[] body);

  /** The bytes stored for {@code body} under {@code name}. */
  byte[] seal(String name, byte[] body);

  /** The body stored as {@code stored} under {@code name}; throws when it fails authentication. */
  byte[] open(String name, byte[] stored) throws RemoteException;
}
