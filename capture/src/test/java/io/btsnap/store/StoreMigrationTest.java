package io.btsnap.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.capture.pipeline.CaptureResult;
import io.btsnap.store.model.CaptureMode;
import io.btsnap.store.model.GcProgress;
import io.btsnap.store.model.GcResult;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.RetentionPolicy;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store written by btsnap before provenance (index schema 1, reasons hashed into manifest ids)
 * opens with this btsnap: its index is migrated once, in one transaction.
 *
 * <p>The fixture {@code legacy-store-v1} was made by that btsnap: runs {@code 1ad876} (x.py
 * given, a=1) and {@code 238c55} ($BTSNAP_ENTRY, a=2) of identical code under two manifest ids,
 * then {@code 2bc16f} (mod.py changed, a=3, pinned).
 */
class StoreMigrationTest {
  @TempDir Path tmp;

  private Path legacyStore() throws Exception {
    Path source = Path.of(StoreMigrationTest.class.getResource("/legacy-store-v1").toURI());
    Path target = tmp.resolve("store");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path f : files.toList()) {
        Path to = target.resolve(source.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    // The checkout's modes are not the store's: give the copy the modes btsnap gives a store.
    try (Stream<Path> files = Files.walk(target)) {
      for (Path f : files.toList()) {
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString(
            Files.isDirectory(f) ? "rwx------" : f.startsWith(target.resolve("blobs")) ? "r--------" : "rw-------"));
      }
    }
    return target;
  }

  @Test
  void identicalCodeUnderTwoOldIdsBecomesOneManifestAndReasonsMoveToProvenance() throws Exception {
    Path dir = legacyStore();
    try (Store store = Store.openExisting(dir)) {
      List<Run> runs = store.runs();
      assertThat(runs).extracting(r -> r.id().value())
          .containsExactly("20261129-181056-2bc16f", "20261129-181056-238c55", "20261129-181056-1ad876");
      Run given = store.run("20261129-181056-1ad876");
      Run fromEnv = store.run("20261129-181056-238c55");
      Run changed = store.run("latest");
      assertThat(given.manifest()).as("same code, one id now").isEqualTo(fromEnv.manifest());
      assertThat(changed.manifest()).isNotEqualTo(given.manifest());
      assertThat(given.provenance().reasonOf("x.py")).isEqualTo("entry point (given)");
      assertThat(fromEnv.provenance().reasonOf("x.py")).isEqualTo("entry point ($BTSNAP_ENTRY)");
      assertThat(fromEnv.provenance().reasonOf("mod.py")).isEqualTo("imported: x.py → mod.py");
      assertThat(given.params()).isEqualTo(Map.of("a", "1"));
      assertThat(given.labels()).isEqualTo(Map.of("sweep", "s1"));
      assertThat(changed.pinned()).isTrue();
      assertThat(store.manifest(given).id()).isEqualTo(Manifest.of(store.manifest(given).entries()).id());
      assertThat(new String(store.readFile(given, "mod.py"))).isEqualTo("X = 1\n");
      assertThat(new String(store.readFile(changed, "mod.py"))).isEqualTo("X = 2\n");

      VerifyReport report = store.verify();
      assertThat(report.problems()).as("reference counts match the merged manifests").isEmpty();
      assertThat(report.manifests()).isEqualTo(2);
      assertThat(store.usage().blobs()).isEqualTo(3);
    }
    try (Store store = Store.openExisting(dir)) {
      assertThat(store.runs()).as("a second open finds the migrated index").hasSize(3);
      GcResult gc = store.gc(RetentionPolicy.none(), false, GcProgress.NONE);
      assertThat(gc.blobs()).isEmpty();
      assertThat(gc.manifests()).isEmpty();
    }
  }

  @Test
  void aNewCaptureOfTheSameCodeSharesTheMigratedManifest() throws Exception {
    Path dir = legacyStore();
    Path project = Files.createDirectories(tmp.resolve("p"));
    Files.writeString(project.resolve("x.py"), "import mod\nprint(mod.X)\n");
    Files.writeString(project.resolve("mod.py"), "X = 2\n");
    try (Store store = Store.openExisting(dir)) {
      CaptureResult result = CapturePipeline.standard(store).capture(
          CaptureRequest.of(project.resolve("x.py")).withMode(io.btsnap.store.model.CaptureMode.IMPORTS).withMinFreeBytes(0));
      assertThat(result.run().manifest()).isEqualTo(store.run("20261129-181056-2bc16f").manifest());
      assertThat(result.newBlobs()).isZero();
      assertThat(store.verify().problems()).isEmpty();
    }
  }
}
