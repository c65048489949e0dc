package io.btsnap.remote;

import io.btsnap.store.model.BlobId;

/**
 * A plain remote: objects named by their SHA-256 right under the prefix, bodies as they are.
 * Every download is still re-hashed against its name by the reader.
 */
final class PlainLayout implements BucketLayout {
  static final PlainLayout INSTANCE = new PlainLayout();

  private PlainLayout() {}

  @Override
  public String root() {
    return "";
  }

  @Override
  public String blob(BlobId id) {
    return "blobs/" + id.hex().substring(0, 2) + "/" + id.hex();
  }

  @Override
  public String manifest(BlobId id) {
    return "manifests/" + id.hex();
  }

  @Override
  public String segment(byte[] body) {
    return "runs/" + BlobId.of(body).hex() + ".json";
  }

  @Override
  public byte[] seal(String name, byte[] body) {
    return body;
  }

  @Override
  public byte[] open(String name, byte[] stored) {
    return stored;
  }
}
