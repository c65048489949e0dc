package io.btsnap.bytes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file read again gives its hash again only while it holds the same bytes. */
class LastReadsTest {
  @TempDir Path tmp;

  @Test
  void theSameBytesReuseTheHashAndAnyChangeIsHashedAgain() throws Exception {
    Path file = tmp.resolve("risk.py");
    Files.writeString(file, "LIMIT = 1\n");
    FileTime written = Files.getLastModifiedTime(file);
    HashedBytes first = HashedBytes.read(file);
    assertThat(HashedBytes.read(file)).as("unchanged: the first read's hash, not computed again").isSameAs(first);

    // Same length, same modification time: only the bytes tell.
    Files.writeString(file, "LIMIT = 2\n");
    Files.setLastModifiedTime(file, written);
    HashedBytes second = HashedBytes.read(file);
    assertThat(second.sha256()).isEqualTo(HashedBytes.sha256("LIMIT = 2\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(second.sha256()).isNotEqualTo(first.sha256());
    assertThat(new String(second.bytes(), StandardCharsets.UTF_8)).isEqualTo("LIMIT = 2\n");
  }

  @Test
  void aLargeFileIsHashedEachTimeAndStillRight() throws Exception {
    Path file = tmp.resolve("data.py");
    byte[] big = new byte[300 * 1024];
    Files.write(file, big);
    HashedBytes first = HashedBytes.read(file);
    big[big.length - 1] = 1;
    Files.write(file, big);
    assertThat(HashedBytes.read(file).sha256()).isEqualTo(HashedBytes.sha256(big)).isNotEqualTo(first.sha256());
  }
}
