package io.btsnap.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.btsnap.capture.FileSelection;
import io.btsnap.capture.SelectedFile;
import io.btsnap.capture.SelectionException;
import io.btsnap.capture.pipeline.CaptureContent;
import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.capture.pipeline.CaptureResult;
import io.btsnap.store.internal.index.Index;
import io.btsnap.store.model.CaptureMode;
import io.btsnap.store.model.FileChange;
import io.btsnap.store.model.RelativePath;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunDiff;
import io.btsnap.store.model.RunId;
import io.btsnap.store.model.RunNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureTest {
  @TempDir Path tmp;

  @Test
  void captureThenRestoreIsByteIdenticalWithExecutableBit() throws Exception {
    TestProject project = new TestProject(tmp.resolve("proj"));
    Path entry = project.writeExecutable("strategy.py", "#!/usr/bin/env python3\nprint('x')\n");
    try (Store store = TestStores.open(tmp.resolve("store"))) {
      CaptureResult result = CapturePipeline.standard(store).capture(CaptureRequest.of(entry).withParams(Map.of("rsi", "14")));
      assertThat(result.newBlobs()).isEqualTo(1);
      Path out = tmp.resolve("out");
      store.restore(store.run(result.run().id().value()), out);
      Path restored = out.resolve("strategy.py");
      assertThat(restored).hasSameBinaryContentAs(entry);
      assertThat(Files.isExecutable(restored)).isTrue();
      assertThat(result.run().params()).containsExactly(Map.entry("rsi", "14"));
      assertThat(result.run().entry()).isEqualTo("strategy.py");
      assertThat(result.run().root()).isEqualTo(project.root().toRealPath().toString());
    }
  }

  @Test
  void emptyNonExecutableEntryRestoresAsEmptyPlainFile() throws Exception {
    TestProject project = new TestProject(tmp.resolve("proj"));
    Path entry = project.write("empty.py", new byte[0]);
    try (Store store = TestStores.open(tmp.resolve("store"))) {
      Run run = CapturePipeline.standard(store).capture(CaptureRequest.of(entry)).run();
      Path out = tmp.resolve("out");
      store.restore(run, out);
      assertThat(out.resolve("empty.py")).isEmptyFile();
      assertThat(Files.isExecutable(out.resolve("empty.py"))).isFalse();
    }
  }

  @Test
  void manyFilesOfEveryKindRestoreByteIdentical() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    TestProject project = new TestProject(tmp.resolve("proj"));
    List<SelectedFile> files = new ArrayList<>();
    String[] names = {"main.py", "empty.txt", "bin/run.sh", "dir with space/ä ö.py", "deep/a/b/c.bin", "dup1.py", "dup2.py"};
    for (String name : names) {
      byte[] content;
      if (name.startsWith("empty")) {
        content = new byte[0];
      } else if (name.startsWith("dup")) {
        content = "same\n".getBytes(StandardCharsets.UTF_8);
      } else {
        content = new byte[random.nextInt(20_000)];
        random.nextBytes(content);
      }
      Path file = name.endsWith(".sh") ? project.writeExecutable(name, "#!/bin/sh\necho hi\n") : project.write(name, content);
      files.add(new SelectedFile(RelativePath.of(name), file, "test", SelectedFile.Origin.LISTED));
    }
    Path storeDir = tmp.resolve("store");
    try (Store store = TestStores.open(storeDir)) {
      Index index = Index.acquire(storeDir.resolve("index"), Index.DEFAULT_MAP_SIZE);
      try {
        FileSelection selection =
            new FileSelection(CaptureMode.FILES, project.root().toRealPath(), java.util.Optional.of(RelativePath.of("main.py")), files, List.of(), List.of());
        CaptureRequest request = CaptureRequest.of(files.get(0).source());
        CaptureResult result = CapturePipeline.standard(store).commit(request, CaptureContent.read(selection, request.maxFileBytes()));
        assertThat(result.newBlobs()).as("seed %d: the two equal files share a blob", seed).isEqualTo(names.length - 1);
        Path out = tmp.resolve("out");
        store.restore(result.run(), out);
        for (SelectedFile f : files) {
          Path restored = f.path().resolveAgainst(out);
          assertThat(restored).as("seed %d", seed).hasSameBinaryContentAs(f.source());
          assertThat(Files.isExecutable(restored)).isEqualTo(Files.isExecutable(f.source()));
        }
        assertThat(store.verify().problems()).isEmpty();
      } finally {
        index.release();
      }
    }
  }

  @Test
  void secondCaptureOfUnchangedCodeWritesNoNewBlob() throws Exception {
    TestProject project = new TestProject(tmp.resolve("proj"));
    Path entry = project.write("s.py", "x = 1\n");
    try (Store store = TestStores.open(tmp.resolve("store"))) {
      CaptureResult first = CapturePipeline.standard(store).capture(CaptureRequest.of(entry).withParams(Map.of("p", "1")));
      Path blob = tmp.resolve("store/blobs").resolve(first.manifest().entries().get(0).blob().hex().substring(0, 2))
          .resolve(first.manifest().entries().get(0).blob().hex());
      Object inode = Files.readAttributes(blob, BasicFileAttributes.class).fileKey();
      long blobsBefore = store.usage().blobs();

      CaptureResult second = CapturePipeline.standard(store).capture(CaptureRequest.of(entry).withParams(Map.of("p", "2")));

      assertThat(second.newBlobs()).isZero();
      assertThat(second.newBytes()).isZero();
      assertThat(second.manifest().id()).isEqualTo(first.manifest().id());
      assertThat(second.run().id()).isNotEqualTo(first.run().id());
      assertThat(store.usage().blobs()).isEqualTo(blobsBefore);
      assertThat(Files.readAttributes(blob, BasicFileAttributes.class).fileKey()).isEqualTo(inode);
      try (var tmpFiles = Files.list(tmp.resolve("store/tmp"))) {
        assertThat(tmpFiles).isEmpty();
      }
    }
  }

  @Test
  void changedCodeGetsANewBlobAndDiffShowsIt() throws Exception {
    TestProject project = new TestProject(tmp.resolve("proj"));
    Path entry = project.write("s.py", "x = 1\n");
    try (Store store = TestStores.open(tmp.resolve("store"))) {
      Run first = CapturePipeline.standard(store).capture(CaptureRequest.of(entry)).run();
      project.write("s.py", "x = 2\n");
      CaptureResult second = CapturePipeline.standard(store).capture(CaptureRequest.of(entry));
      assertThat(second.newBlobs()).isEqualTo(1);
      RunDiff diff = store.diff(first, second.run());
      assertThat(diff.changes()).extracting(FileChange::path, FileChange::kind)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("s.py", FileChange.Kind.CHANGED));
      assertThat(store.readFile(first, "s.py")).asString().isEqualTo("x = 1\n");
      assertThat(store.readFile(store.run(Store.LATEST), "s.py")).asString().isEqualTo("x = 2\n");
    }
  }

  @Test
  void runsAreListedNewestFirstAndFoundByPrefix() throws Exception {
    TestProject project = new TestProject(tmp.resolve("proj"));
    Path entry = project.write("s.py", "x = 1\n");
    try (Store store = TestStores.open(tmp.resolve("store"))) {
      List<RunId> ids = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        ids.add(CapturePipeline.standard(store).capture(CaptureRequest.of(entry).withParams(Map.of("i", "" + i))).run().id());
      }
      List<RunId> listed = store.runs().stream().map(Run::id).toList();
      List<RunId> newestFirst = new ArrayList<>(ids);
      java.util.Collections.reverse(newestFirst);
      assertThat(listed).containsExactlyElementsOf(newestFirst);
      assertThat(store.run(Store.LATEST).id()).isEqualTo(ids.get(4));
      String full = ids.get(2).value();
      assertThat(store.run(full).id()).isEqualTo(ids.get(2));
      assertThatThrownBy(() -> store.run("2019")).isInstanceOf(RunNotFoundException.class);
      assertThatThrownBy(() -> store.run("20991231-000000-000000")).isInstanceOf(RunNotFoundException.class);
    }
  }

  @Test
  void entryOutsideTheGivenRootIsRefused() throws Exception {
    TestProject project = new TestProject(tmp.resolve("proj"));
    Path outside = Files.writeString(tmp.resolve("outside.py"), "x\n");
    Path link = project.root().resolve("link.py");
    Files.createSymbolicLink(link, outside);
    try (Store store = TestStores.open(tmp.resolve("store"))) {
      assertThatThrownBy(() -> CapturePipeline.standard(store).capture(CaptureRequest.of(outside).withRoot(project.root())))
          .isInstanceOf(SelectionException.class)
          .hasMessageContaining("outside the project root");
      assertThatThrownBy(() -> CapturePipeline.standard(store).capture(CaptureRequest.of(link).withRoot(project.root())))
          .isInstanceOf(SelectionException.class)
          .hasMessageContaining("outside the project root");
      assertThat(store.runs()).isEmpty();
    }
  }

  @Test
  void projectRootIsTheNearestAncestorWithAMarker() throws Exception {
    TestProject project = new TestProject(tmp.resolve("proj"));
    Path entry = project.write("src/strategies/s.py", "x\n");
    try (Store store = TestStores.open(tmp.resolve("store"))) {
      Run run = CapturePipeline.standard(store).capture(CaptureRequest.of(entry)).run();
      assertThat(run.entry()).isEqualTo("src/strategies/s.py");
      assertThat(run.root()).isEqualTo(project.root().toRealPath().toString());
    }
  }
}
