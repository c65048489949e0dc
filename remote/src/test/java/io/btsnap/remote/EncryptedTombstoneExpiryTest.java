package io.btsnap.remote;

/** {@link TombstoneExpiryTest} on an encrypted repository. */
class EncryptedTombstoneExpiryTest extends TombstoneExpiryTest {
  @Override
  boolean encrypted() {
    return true;
  }
}
