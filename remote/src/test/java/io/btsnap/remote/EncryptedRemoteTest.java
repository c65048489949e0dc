package io.btsnap.remote;

/** Every case of {@link RemoteTest} on an encrypted repository. */
class EncryptedRemoteTest extends RemoteTest {
  @Override
  boolean encrypted() {
    return true;
  }
}
