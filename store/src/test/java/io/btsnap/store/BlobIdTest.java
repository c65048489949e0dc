package io.btsnap.store;

import io.btsnap.store.model.BlobId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlobIdTest {
  @Test
  void rawDigestsReadAsTheirLowercaseHex() {
    Random random = new Random(11);
    for (int n = 0; n < 10_000; n++) {
      byte[] raw = new byte[BlobId.BYTES];
      random.nextBytes(raw);
      BlobId id = BlobId.fromBytes(raw);
      assertThat(id.hex()).isEqualTo(HexFormat.of().formatHex(raw));
      assertThat(id).isEqualTo(BlobId.parse(id.hex()));
    }
  }
}
