package io.btsnap.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FolderHashTest {
  @Test
  void equalsTheJdksSha256OverEveryLengthAroundTheBlockEdges() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int length = 0; length < 300; length++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < length; i++) {
        text.append((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : 0x20 + random.nextInt(0x2fff)));
      }
      byte[] expected = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
      assertThat(FolderHash.sha256(text.toString())).as("seed %d, length %d", seed, length).isEqualTo(expected);
    }
  }

  @Test
  void namesTheFolderAsThePythonClientDoes() {
    // hashlib.sha256("/home/q/.btsnap".encode()).hexdigest()[:16]
    assertThat(ServiceFolder.hash("/home/q/.btsnap")).isEqualTo("054d5250eed0f120");
  }
}
