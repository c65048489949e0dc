package io.btsnap.store;

import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.store.internal.blob.FileOperations;
import io.btsnap.store.internal.blob.LocalFileOperations;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.RunId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A store with runs of chosen ages and contents for gc tests. Each capture is recorded with the
 * exact bytes of its files, so a test can check that kept runs still restore byte-identical.
 */
final class GcFixture implements AutoCloseable {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  final Path dir;
  final MutableClock clock = new MutableClock(START);
  final Store store;
  final Path project;
  final Map<RunId, Map<String, byte[]>> contents = new HashMap<>();

  GcFixture(Path tmp) throws IOException {
    this(tmp, LocalFileOperations.INSTANCE);
  }

  GcFixture(Path tmp, FileOperations files) throws IOException {
    dir = tmp.resolve("store");
    store = TestStores.with(dir, files, clock);
    project = new TestProject(tmp.resolve("proj")).root();
  }

  /** Captures a run of {@code files} (path to content) at {@code daysAgo} before the clock's end. */
  RunId capture(Map<String, String> files, Map<String, String> labels) throws IOException {
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    StringBuilder yaml = new StringBuilder("files:\n");
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path file = project.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue());
      bytes.put(f.getKey(), f.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      yaml.append("  - ").append(f.getKey()).append('\n');
    }
    Path config = project.resolve("strategy.yaml");
    Files.writeString(config, yaml);
    CaptureRequest request = CaptureRequest.withoutEntry().withWorkingDir(project).withConfig(config).withLabels(labels);
    RunId id = CapturePipeline.standard(store).capture(request).run().id();
    contents.put(id, bytes);
    clock.advance(Duration.ofDays(1));
    return id;
  }

  void checkKeptRunsRestore(Path tmp, List<RunId> kept) throws IOException {
    for (RunId id : kept) {
      Path out = tmp.resolve("restore-" + id + "-" + System.nanoTime());
      store.restore(store.run(id.value()), out);
      for (Map.Entry<String, byte[]> f : contents.get(id).entrySet()) {
        org.assertj.core.api.Assertions.assertThat(out.resolve(f.getKey())).as("run %s file %s", id, f.getKey()).hasBinaryContent(f.getValue());
      }
    }
  }

  Path blobFile(BlobId id) {
    return dir.resolve("blobs").resolve(id.hex().substring(0, 2)).resolve(id.hex());
  }

  /** Plants {@code name} in {@code folder} of the store with a modification time {@code age} ago. */
  Path plant(String folder, String name, String content, Duration age) throws IOException {
    Path file = dir.resolve(folder).resolve(name);
    // As btsnap leaves them: private folders and files, so verify sees only what is planted.
    io.btsnap.store.internal.StoreAccess.PRIVATE.createFolder(file.getParent());
    Files.writeString(file, content);
    io.btsnap.store.internal.StoreAccess.PRIVATE.makeFileMode(file);
    Files.setLastModifiedTime(file, FileTime.from(clock.instant().minus(age)));
    return file;
  }

  @Override
  public void close() {
    store.close();
  }
}
