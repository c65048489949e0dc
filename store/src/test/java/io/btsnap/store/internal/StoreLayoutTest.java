package io.btsnap.store.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.btsnap.store.model.StoreException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreLayoutTest {
  @ParameterizedTest
  @ValueSource(strings = {"nfs", "nfs4", "cifs", "fuse.sshfs", "9p"})
  void networkFileSystemsAreRefusedWithTheReason(String type) {
    assertThatThrownBy(() -> StoreLayout.checkFileSystemType(type, Path.of("/mnt/share/store")))
        .isInstanceOf(StoreException.class)
        .hasMessage("store at /mnt/share/store is on a " + type + " file system: LMDB's locks and memory map need a"
            + " local disk; put the store in a local folder (--store DIR or $BTSNAP_HOME)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ext4", "xfs", "btrfs", "tmpfs", "zfs", "apfs", "overlay"})
  void localFileSystemsAreAccepted(String type) {
    assertThatCode(() -> StoreLayout.checkFileSystemType(type, Path.of("/data/store"))).doesNotThrowAnyException();
  }
}
