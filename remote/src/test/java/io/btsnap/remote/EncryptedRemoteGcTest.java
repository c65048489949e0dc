package io.btsnap.remote;

/** Every case of {@link RemoteGcTest} on an encrypted repository: gc, leases and retention unchanged. */
class EncryptedRemoteGcTest extends RemoteGcTest {
  @Override
  boolean encrypted() {
    return true;
  }
}
