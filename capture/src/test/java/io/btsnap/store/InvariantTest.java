package io.btsnap.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.capture.pipeline.CaptureResult;
import io.btsnap.store.internal.index.BlobRecord;
import io.btsnap.store.internal.index.Index;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Problem;
import io.btsnap.store.model.RunId;
import io.btsnap.store.model.StoreCorruptException;
import io.btsnap.store.model.UnsupportedFormatException;
import io.btsnap.store.model.VerifyReport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each invariant of the design, broken on purpose and seen detected. */
class InvariantTest {
  @TempDir Path tmp;

  private Path storeDir() {
    return tmp.resolve("store");
  }

  private CaptureResult captureOne(Store store, String content) throws Exception {
    TestProject project = new TestProject(tmp.resolve("proj"));
    Path entry = project.write("s.py", content);
    return CapturePipeline.standard(store).capture(CaptureRequest.of(entry));
  }

  private Path blobFile(BlobId id) {
    return storeDir().resolve("blobs").resolve(id.hex().substring(0, 2)).resolve(id.hex());
  }

  // Invariant 1: every listed blob has its file, and the file hashes to its name.

  @Test
  void deletedBlobFileIsReportedMissing() throws Exception {
    try (Store store = TestStores.open(storeDir())) {
      BlobId blob = captureOne(store, "x = 1\n").manifest().entries().get(0).blob();
      assertThat(store.verify().isClean()).isTrue();
      Files.delete(blobFile(blob));
      VerifyReport report = store.verify();
      assertThat(report.problems()).containsExactly(new Problem.MissingBlob(blob, blobFile(blob)));
      assertThat(report.problems().get(0).describe()).contains("missing blob " + blob.hex());
    }
  }

  @Test
  void flippedByteInBlobIsAHashMismatch() throws Exception {
    try (Store store = TestStores.open(storeDir())) {
      CaptureResult result = captureOne(store, "x = 1\n");
      BlobId blob = result.manifest().entries().get(0).blob();
      Path file = blobFile(blob);
      file.toFile().setWritable(true);
      byte[] bytes = Files.readAllBytes(file);
      bytes[0] ^= 1;
      Files.write(file, bytes);
      assertThat(store.verify().problems())
          .singleElement()
          .isInstanceOf(Problem.HashMismatch.class)
          .extracting(p -> ((Problem.HashMismatch) p).blob())
          .isEqualTo(blob);
      assertThatThrownBy(() -> store.readFile(result.run(), "s.py"))
          .isInstanceOf(StoreCorruptException.class)
          .hasMessageContaining("does not match its hash");
    }
  }

  // Invariant 2: manifests exist, their blobs are listed, counts equal references.

  @Test
  void runWhoseManifestIsGoneIsReported() throws Exception {
    try (Store store = TestStores.open(storeDir())) {
      CaptureResult result = captureOne(store, "x = 1\n");
      withIndex(index -> index.write(w -> { w.deleteManifest(result.manifest().id()); return null; }));
      assertThat(store.verify().problems())
          .contains(new Problem.MissingManifest(result.run().id(), result.manifest().id()));
    }
  }

  @Test
  void manifestWithUnlistedBlobIsReported() throws Exception {
    try (Store store = TestStores.open(storeDir())) {
      CaptureResult result = captureOne(store, "x = 1\n");
      BlobId blob = result.manifest().entries().get(0).blob();
      withIndex(index -> index.write(w -> { w.deleteBlob(blob); return null; }));
      assertThat(store.verify().problems())
          .contains(new Problem.UnlistedBlob(result.manifest().id(), "s.py", blob));
    }
  }

  @Test
  void wrongReferenceCountsAreReported() throws Exception {
    try (Store store = TestStores.open(storeDir())) {
      CaptureResult result = captureOne(store, "x = 1\n");
      CapturePipeline.standard(store).capture(CaptureRequest.of(tmp.resolve("proj/s.py")));
      BlobId blob = result.manifest().entries().get(0).blob();
      BlobId manifest = result.manifest().id();
      withIndex(
          index ->
              index.write(
                  w -> {
                    BlobRecord record = w.blob(blob).orElseThrow();
                    w.putBlob(blob, record.withRefCountAdded(4));
                    w.putManifestRefCount(manifest, 1);
                    return null;
                  }));
      assertThat(store.verify().problems())
          .containsExactlyInAnyOrder(
              new Problem.BadRefCount("manifest", manifest, 1, 2),
              new Problem.BadRefCount("blob", blob, 5, 1));
    }
  }

  // Invariant 3: a capture that returned success is durable and visible to every later reader.

  @Test
  void acknowledgedCapturesSurviveSigkillOfTheWriterAndAreVisibleToAnotherProcess() throws Exception {
    TestProject project = new TestProject(tmp.resolve("proj"));
    Path entry = project.write("s.py", "x = 1\n");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CaptureLoop.class.getName(),
                storeDir().toString(),
                entry.toString(),
                "100000")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    List<String> acknowledged = new ArrayList<>();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (acknowledged.size() < 25 && (line = lines.readLine()) != null) {
        acknowledged.add(line);
      }
      child.destroyForcibly(); // SIGKILL, mid-capture of a later run
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acknowledged).hasSize(25);
    try (Store store = TestStores.open(storeDir())) {
      for (String id : acknowledged) {
        assertThat(store.run(id).id().value()).isEqualTo(id);
      }
      assertThat(store.verify().isClean()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(value = FailingFileOperations.Step.class, names = {"WRITE", "MOVE", "SYNC_DIRECTORY"})
  void captureWhoseBlobIsNotDurableFailsAndLeavesNoRun(FailingFileOperations.Step step) throws Exception {
    FailingFileOperations files = new FailingFileOperations();
    try (Store store = TestStores.withFileOperations(storeDir(), files)) {
      captureOne(store, "first\n");
      files.failAt(step);
      Path entry = new TestProject(tmp.resolve("proj")).write("s.py", "second\n");
      assertThatThrownBy(() -> CapturePipeline.standard(store).capture(CaptureRequest.of(entry)))
          .hasMessageContaining("injected failure at " + step);
      assertThat(store.runs()).hasSize(1);
      VerifyReport report = store.verify();
      assertThat(report.isClean()).isTrue();
      assertThat(report.reclaimable()).allMatch(o -> o.kind().equals("blob"));
      try (Stream<Path> left = Files.list(storeDir().resolve("tmp"))) {
        assertThat(left).as("temp files are removed on failure").isEmpty();
      }
      files.heal();
      CaptureResult retry = CapturePipeline.standard(store).capture(CaptureRequest.of(entry));
      assertThat(store.readFile(retry.run(), "s.py")).asString().isEqualTo("second\n");
      assertThat(store.verify().isClean()).isTrue();
    }
  }

  // Invariant 5: files are never modified after they are written.

  @Test
  void blobFilesAreReadOnlyAndNeverRewritten() throws Exception {
    try (Store store = TestStores.open(storeDir())) {
      BlobId blob = captureOne(store, "x = 1\n").manifest().entries().get(0).blob();
      Path file = blobFile(blob);
      assertThat(Files.getPosixFilePermissions(file))
          .doesNotContain(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
      var before = Files.getLastModifiedTime(file);
      Object inode = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
      for (int i = 0; i < 3; i++) {
        CapturePipeline.standard(store).capture(CaptureRequest.of(tmp.resolve("proj/s.py")).withParams(Map.of("i", "" + i)));
      }
      assertThat(Files.getLastModifiedTime(file)).isEqualTo(before);
      assertThat(Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey()).isEqualTo(inode);
    }
  }

  @Test
  void blobModifiedInPlaceIsDetected() throws Exception {
    try (Store store = TestStores.open(storeDir())) {
      BlobId blob = captureOne(store, "x = 1\n").manifest().entries().get(0).blob();
      Path file = blobFile(blob);
      file.toFile().setWritable(true);
      Files.writeString(file, "x = 2\n", java.nio.file.StandardOpenOption.APPEND);
      assertThat(store.verify().problems())
          .hasSize(2)
          .anyMatch(p -> p instanceof Problem.HashMismatch)
          .anyMatch(p -> p instanceof Problem.SizeMismatch);
    }
  }

  @Test
  void storeOfUnknownFormatIsRefused() throws Exception {
    TestStores.open(storeDir()).close();
    Files.writeString(storeDir().resolve("btsnap-store.yaml"), "format: 9\nhash: sha256\n");
    assertThatThrownBy(() -> TestStores.open(storeDir()))
        .isInstanceOf(UnsupportedFormatException.class)
        .hasMessageContaining("format 9");
  }

  @Test
  void mapGrowsFromATinyInitialSize() throws Exception {
    long tiny = 64 * 1024;
    TestProject project = new TestProject(tmp.resolve("proj"));
    List<RunId> ids = new ArrayList<>();
    try (Store store = TestStores.withMapSize(storeDir(), tiny)) {
      for (int i = 0; i < 400; i++) {
        Path entry = project.write("s.py", "x = " + i + "\n# " + "pad ".repeat(50) + "\n");
        ids.add(CapturePipeline.standard(store).capture(CaptureRequest.of(entry).withParams(Map.of("i", "" + i, "pad", "v".repeat(200)))).run().id());
      }
      long grown = Index.acquire(storeDir().resolve("index"), tiny).mapSize();
      Index.acquire(storeDir().resolve("index"), tiny).release();
      assertThat(grown).isGreaterThan(tiny);
      assertThat(store.runs()).hasSize(400);
      assertThat(store.verify().isClean()).isTrue();
    }
    try (Store reopened = TestStores.withMapSize(storeDir(), tiny)) {
      for (RunId id : ids) {
        assertThat(reopened.readFile(reopened.run(id.value()), "s.py")).isNotEmpty();
      }
    }
  }

  private void withIndex(IndexAction action) throws Exception {
    Index index = Index.acquire(storeDir().resolve("index"), Index.DEFAULT_MAP_SIZE);
    try {
      action.run(index);
    } finally {
      index.release();
    }
  }

  @FunctionalInterface
  private interface IndexAction {
    void run(Index index) throws Exception;
  }
}
