package io.btsnap.remote.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.stream.IntStream;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;

/**
 * Pins every primitive to fixed answers, so a change of library, parameter or byte order that
 * would leave existing buckets unreadable fails here. The expected values were computed with an
 * independent implementation (Python's {@code cryptography}: Argon2id, AESGCM, hmac).
 */
class CryptoKnownAnswerTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String REPOSITORY = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

  private static byte[] sequence(int n) {
    byte[] b = new byte[n];
    IntStream.range(0, n).forEach(i -> b[i] = (byte) i);
    return b;
  }

  @Test
  void argon2idWithFixedSaltAndParametersGivesAFixedKey() {
    Argon2id kdf = new Argon2id(8192, 1, 1, sequence(16));
    assertThat(HEX.formatHex(kdf.derive("correct horse battery staple".getBytes(StandardCharsets.UTF_8), 32)))
        .isEqualTo("9aeef75313e585f492c33c5e12d82e9ad253b7dd78632d537e899cd4eddd789c");
  }

  @Test
  void hkdfMatchesRfc5869TestCase1() {
    byte[] ikm = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
    byte[] prk = Hkdf.extract(HEX.parseHex("000102030405060708090a0b0c"), ikm);
    assertThat(HEX.formatHex(prk)).isEqualTo("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
    assertThat(HEX.formatHex(Hkdf.expand(prk, HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42)))
        .isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  }

  @Test
  void aFixedContentSealsToFixedBytesUnderAFixedName() throws Exception {
    RepositoryKeys keys = MasterKey.of(sequence(64)).keysFor(REPOSITORY);
    byte[] body = "LIMIT = 1\n".getBytes(StandardCharsets.UTF_8);
    String name = keys.name("blob", io.btsnap.bytes.HashedBytes.sha256(body));
    assertThat(name).isEqualTo("4affa991d8cf67505a1a274e709859e5d12b0b204bec7036f21c445654c1187d");
    byte[] sealed = keys.sealContent("blobs/" + name, body);
    assertThat(HEX.formatHex(sealed))
        .isEqualTo("010199e0eccd266a6c41435129e677ecb6f426df9f147839823934d68ce1f17edfede5a9e76cbdbe");
    assertThat(keys.open("blobs/" + name, sealed)).isEqualTo(body);
  }

  @Test
  void aBodyFailsAuthenticationWhenFlippedMovedOrFromAnotherRepository() throws Exception {
    RepositoryKeys keys = MasterKey.of(sequence(64)).keysFor(REPOSITORY);
    byte[] sealed = keys.sealRandom("runs/a", "{\"runs\":[]}".getBytes(StandardCharsets.UTF_8));
    assertThat(keys.open("runs/a", sealed)).isNotEmpty();
    for (int i = 0; i < sealed.length; i++) {
      byte[] flipped = sealed.clone();
      flipped[i] ^= 0x01;
      assertThatThrownBy(() -> keys.open("runs/a", flipped)).as("byte %d flipped", i).isInstanceOf(AEADBadTagException.class);
    }
    assertThatThrownBy(() -> keys.open("runs/b", sealed)).isInstanceOf(AEADBadTagException.class);
    RepositoryKeys other = MasterKey.of(sequence(64)).keysFor("another");
    assertThatThrownBy(() -> other.open("runs/a", sealed)).isInstanceOf(AEADBadTagException.class);
  }

  @Test
  void randomSealingDiffersEachTimeAndContentSealingNever() {
    RepositoryKeys keys = MasterKey.of(sequence(64)).keysFor(REPOSITORY);
    byte[] body = new byte[100];
    assertThat(keys.sealRandom("leases/x", body)).isNotEqualTo(keys.sealRandom("leases/x", body));
    assertThat(keys.sealContent("blobs/x", body)).isEqualTo(keys.sealContent("blobs/x", body));
  }

  @Test
  void aKeyObjectOpensWithItsPassphraseOnlyAndInItsRepositoryOnly() {
    SecureRandom random = new SecureRandom();
    MasterKey master = MasterKey.generate(random);
    Argon2id kdf = new Argon2id(8192, 1, 1, sequence(16));
    byte[] object = KeyObject.create(master, utf8("right"), kdf, REPOSITORY, "k1", random);
    assertThat(KeyObject.open(object, utf8("right"), REPOSITORY, "k1")).isPresent()
        .hasValueSatisfying(k -> assertThat(k.bytes()).isEqualTo(master.bytes()));
    assertThat(KeyObject.open(object, utf8("wrong"), REPOSITORY, "k1")).isEmpty();
    assertThat(KeyObject.open(object, utf8("right"), "another", "k1")).isEmpty();
    assertThat(KeyObject.open(object, utf8("right"), REPOSITORY, "k2")).isEmpty();
    assertThat(new String(object, StandardCharsets.UTF_8)).contains("\"memoryKiB\":8192", "\"iterations\":1");
  }

  @Test
  void theDefaultDerivationTakesAboutHalfASecondAndFarLessMemoryThanTheServiceHeap() {
    Argon2id kdf = Argon2id.withNewSalt(new SecureRandom());
    kdf.derive(utf8("warm-up"), 32);
    long start = System.nanoTime();
    kdf.derive(utf8("passphrase"), 32);
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("CryptoKnownAnswerTest: default argon2id " + kdf + " took " + millis + " ms");
    assertThat(kdf.memoryKiB()).isEqualTo(64 * 1024);
    assertThat(millis).as("one derivation").isLessThan(3000);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
