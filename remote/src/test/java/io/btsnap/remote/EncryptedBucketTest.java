package io.btsnap.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.store.Store;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.CaptureMode;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an encrypted bucket shows a reader without the passphrase, and what it refuses. */
class EncryptedBucketTest extends WithS3Proxy {
  static final String FILE_MARKER = "zq_file_marker_4b1d";
  static final String PATH_MARKER = "zq_path_marker_77c0";
  static final String PARAM_MARKER = "zq_param_marker_e3a9";
  static final String LABEL_MARKER = "zq_label_marker_0f5e";

  @TempDir Path tmp;
  RemoteSpec spec;

  @Override
  boolean encrypted() {
    return true;
  }

  @BeforeEach
  void bucket() throws Exception {
    spec = newSpec("secret/grid");
  }

  /** A sweep whose files, file names, parameters and labels hold the markers. */
  private List<Run> sweep(Store store, int n) throws Exception {
    Path project = Files.createDirectories(tmp.resolve("project"));
    Files.writeString(project.resolve("pyproject.toml"), "");
    Files.writeString(project.resolve("main.py"), "import " + PATH_MARKER + "\n");
    Files.writeString(project.resolve(PATH_MARKER + ".py"), "SECRET = '" + FILE_MARKER + "'\n");
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      runs.add(CapturePipeline.standard(store).capture(CaptureRequest.of(project.resolve("main.py")).withMode(CaptureMode.IMPORTS).withMinFreeBytes(0)
          .withParams(Map.of("alpha", PARAM_MARKER + i)).withLabels(Map.of("desk", LABEL_MARKER))).run());
    }
    return runs;
  }

  /** Every object file of the bucket, under the remote's prefix. */
  private List<Path> objectFiles() throws Exception {
    try (Stream<Path> files = Files.walk(server.data.resolve(spec.bucket()))) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Test
  void noObjectKeyOrBodyHoldsAMarkerAFileHashOrARunId() throws Exception {
    try (Store store = Store.open(tmp.resolve("one")); Remote remote = open(spec)) {
      List<Run> runs = sweep(store, 5);
      remote.push(store, runs);
      List<byte[]> secrets = new ArrayList<>();
      for (String marker : List.of(FILE_MARKER, PATH_MARKER, PARAM_MARKER, LABEL_MARKER)) {
        secrets.add(marker.getBytes(StandardCharsets.UTF_8));
      }
      for (Run run : runs) {
        secrets.add(run.id().value().getBytes(StandardCharsets.UTF_8));
        secrets.add(run.manifest().hex().getBytes(StandardCharsets.UTF_8));
        secrets.add(run.manifest().toBytes());
        for (ManifestEntry e : store.manifest(run).entries()) {
          secrets.add(e.blob().hex().getBytes(StandardCharsets.UTF_8));
          secrets.add(e.blob().toBytes());
        }
      }
      List<Path> files = objectFiles();
      assertThat(files).as("blobs, manifest, segment, key, config").hasSizeGreaterThanOrEqualTo(5);
      for (Path file : files) {
        byte[] key = server.data.relativize(file).toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = Files.readAllBytes(file);
        for (byte[] secret : secrets) {
          assertThat(contains(key, secret)).as("key %s holds %s", file, new String(secret, StandardCharsets.ISO_8859_1)).isFalse();
          assertThat(contains(body, secret)).as("body of %s holds %s", file, HexFormat.of().formatHex(secret)).isFalse();
        }
      }
    }
  }

  @Test
  void aWrongPassphraseAMissingKeyAndASwappedBucketAreEachOneLine() throws Exception {
    try (Remote wrong = Remote.open(spec, Credentials.DEFAULT, Passphrase.of("not it"))) {
      assertThatThrownBy(wrong::runs).isInstanceOf(RemoteException.class)
          .hasMessageContaining("wrong passphrase").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "not it"));
    }
    try (Remote none = Remote.open(spec)) {
      assertThatThrownBy(none::runs).hasMessageContaining("is encrypted: give its passphrase");
    }
    RemoteSpec other = newSpec("other");
    RemoteSpec swapped = new RemoteSpec(other.name(), other.bucket(), other.prefix(), other.endpoint(), other.region(),
        other.pathStyle(), spec.repository());
    try (Remote remote = open(swapped)) {
      assertThatThrownBy(remote::runs).hasMessageContaining("holds repository " + other.repository().get() + ", not "
          + spec.repository().get()).hasMessageContaining("swapped bucket");
    }
    RemoteSpec emptied = newRemote("nothing").withRepository(spec.repository().get());
    try (Remote remote = open(emptied)) {
      assertThatThrownBy(remote::runs).hasMessageContaining("holds no repository");
    }
    try (ObjectStore objects = objects(spec)) {
      objects.list("runs/"); // unlocks while the key is there
      for (String key : objects.rawListing(RepositoryConfig.KEYS).objects().stream().map(ObjectStore.Listed::key).toList()) {
        objects.rawDelete(key);
      }
    }
    try (Remote remote = open(spec)) {
      assertThatThrownBy(remote::runs).hasMessageContaining("has no key object under btsnap/keys/");
    }
  }

  @Test
  void addingRefusesTheOtherKindAndOpensWithTheRightPassphraseOnly() throws Exception {
    RemoteSpec plain = newRemote("plain");
    assertThat(RepositorySetup.attach(plain, Credentials.DEFAULT, PASSPHRASE, false, TEST_KDF).spec().encrypted()).isFalse();
    assertThatThrownBy(() -> RepositorySetup.attach(plain, Credentials.DEFAULT, PASSPHRASE, true, TEST_KDF))
        .hasMessageContaining("holds a plain repository");
    RemoteSpec bare = new RemoteSpec(spec.name(), spec.bucket(), spec.prefix(), spec.endpoint(), spec.region(), spec.pathStyle());
    assertThatThrownBy(() -> RepositorySetup.attach(bare, Credentials.DEFAULT, PASSPHRASE, false, TEST_KDF))
        .hasMessageContaining("holds an encrypted repository");
    assertThatThrownBy(() -> RepositorySetup.attach(bare, Credentials.DEFAULT, Passphrase.of("not it"), true, TEST_KDF))
        .hasMessageContaining("wrong passphrase");
    RepositorySetup.Attached again = RepositorySetup.attach(bare, Credentials.DEFAULT, PASSPHRASE, true, TEST_KDF);
    assertThat(again.created()).isFalse();
    assertThat(again.spec().repository()).isEqualTo(spec.repository());
  }

  @Test
  void keysAddedOpenTheRepositoryAndTheLastKeyStays() throws Exception {
    try (Remote remote = open(spec)) {
      Keyring.Key added = remote.keyring().add(Passphrase.of("second"), TEST_KDF);
      assertThat(remote.keyring().list()).hasSize(2);
      try (Remote second = Remote.open(spec, Credentials.DEFAULT, Passphrase.of("second"))) {
        assertThat(second.runs()).isEmpty();
        assertThat(second.keyring().list()).filteredOn(Keyring.Key::current).extracting(Keyring.Key::id).containsExactly(added.id());
        Keyring.Key first = remote.keyring().list().stream().filter(Keyring.Key::current).findFirst().orElseThrow();
        assertThatThrownBy(() -> second.keyring().remove(added.shortId())).hasMessageContaining("the one this passphrase opened");
        assertThat(second.keyring().remove(first.shortId()).id()).isEqualTo(first.id());
        assertThatThrownBy(() -> second.keyring().remove(added.shortId())).hasMessageContaining("is the last key");
      }
    }
    try (Remote old = open(spec)) {
      assertThatThrownBy(old::runs).hasMessageContaining("wrong passphrase");
    }
  }

  /** The stored file of each object under btsnap/{folder}. */
  private List<Path> under(String folder) throws Exception {
    Path root = server.data.resolve(spec.bucket()).resolve(spec.prefix() + EncryptedLayout.ROOT + folder);
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void aFlippedByteOrTwoSwappedBodiesAreRefusedByTheHashTheUserKnowsAndNothingIsStored() throws Exception {
    List<Run> runs;
    try (Store one = Store.open(tmp.resolve("one")); Remote remote = open(spec)) {
      runs = sweep(one, 3);
      remote.push(one, runs);
    }
    List<Path> blobs = under("blobs");
    assertThat(blobs).hasSize(2);
    List<Path> every = new ArrayList<>(blobs);
    every.addAll(under("manifests"));
    every.addAll(under("runs"));
    int trial = 0;
    for (Path object : every) {
      byte[] original = Files.readAllBytes(object);
      for (int at : new int[] {0, original.length / 2, original.length - 1}) {
        byte[] flipped = original.clone();
        flipped[at] ^= 0x20;
        Files.write(object, flipped);
        try (Store fresh = Store.open(tmp.resolve("fresh" + trial++)); Remote remote = open(spec)) {
          assertThatThrownBy(() -> remote.pull(fresh, r -> true)).as("%s byte %d", object, at)
              .isInstanceOf(RemoteException.class).hasMessageContaining("failed authentication")
              .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
          assertThat(fresh.runs()).as("nothing partial stored").isEmpty();
          if (!object.toString().contains("/runs/")) {
            assertThat(remote.verify(true).problems()).as("verify of %s", object).singleElement().asString()
                .contains("failed authentication");
          }
        }
      }
      Files.write(object, original);
    }
    byte[] a = Files.readAllBytes(blobs.get(0));
    byte[] b = Files.readAllBytes(blobs.get(1));
    Files.write(blobs.get(0), b);
    Files.write(blobs.get(1), a);
    try (Store fresh = Store.open(tmp.resolve("swapped")); Remote remote = open(spec)) {
      List<String> hashes;
      try (Store one = Store.open(tmp.resolve("one"))) {
        hashes = one.manifest(runs.get(0)).entries().stream().map(e -> e.blob().hex()).toList();
      }
      assertThatThrownBy(() -> remote.pull(fresh, r -> true)).hasMessageContaining("failed authentication")
          .satisfies(e -> assertThat(hashes.stream().anyMatch(e.getMessage()::contains)).as(e.getMessage()).isTrue());
      assertThat(fresh.runs()).isEmpty();
      List<String> problems = remote.verify(true).problems();
      assertThat(problems).hasSize(2).allSatisfy(p -> assertThat(p).contains("failed authentication"));
      assertThat(problems).anySatisfy(p -> assertThat(p).contains(hashes.get(0)));
      assertThat(problems).anySatisfy(p -> assertThat(p).contains(hashes.get(1)));
    }
  }

  @Test
  void twoPushesOfTheSameBlobWriteTheSameBytes() throws Exception {
    try (Store one = Store.open(tmp.resolve("one")); Remote remote = open(spec)) {
      remote.push(one, sweep(one, 1));
    }
    List<Path> blobs = under("blobs");
    List<byte[]> before = new ArrayList<>();
    for (Path p : blobs) {
      before.add(Files.readAllBytes(p));
    }
    try (ObjectStore objects = objects(spec); Store one = Store.open(tmp.resolve("one"))) {
      for (ManifestEntry e : one.manifest(one.runs().get(0)).entries()) {
        String name = objects.layout().blob(e.blob());
        byte[] sealed = objects.layout().seal(name, one.blob(e.blob()));
        assertThat(objects.rawPutIfAbsent(objects.layout().root() + name, sealed)).as("already there").isFalse();
        assertThat(before).anySatisfy(bytes -> assertThat(bytes).isEqualTo(sealed));
        assertThat(BlobId.of(objects.get(name).orElseThrow())).isEqualTo(e.blob());
      }
    }
  }
}
