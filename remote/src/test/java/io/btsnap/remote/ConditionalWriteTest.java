package io.btsnap.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Writes of an object that is already there, against a real S3 API server (S3Proxy). */
class ConditionalWriteTest extends WithS3Proxy {
  @Test
  void writersOfAnObjectAlreadyThereAllSucceedAndOneWrites() throws Exception {
    RemoteSpec spec = newRemote("cond");
    // Large enough that the server answers 412 before the client has sent the body.
    byte[] content = new byte[4 << 20];
    new Random(7).nextBytes(content);
    try (ObjectStore objects = new ObjectStore(spec)) {
      assertThat(objects.putIfAbsent("blobs/aa/big", content)).isTrue();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<Boolean>> writes = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        writes.add(pool.submit(() -> objects.putIfAbsent("blobs/aa/big", content)));
      }
      for (Future<Boolean> w : writes) {
        assertThat(w.get()).as("already there").isFalse();
      }
      pool.shutdown();
      assertThat(objects.get("blobs/aa/big")).hasValueSatisfying(v -> assertThat(v).isEqualTo(content));
    }
  }
}
