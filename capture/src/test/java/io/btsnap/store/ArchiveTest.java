package io.btsnap.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.store.model.CaptureMode;
import io.btsnap.store.model.ImportResult;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import io.btsnap.store.model.StoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArchiveTest {
  @TempDir Path tmp;

  private RunId captureExample(Store store, Map<String, String> params) throws IOException {
    Path entry = Path.of("../examples/rsi_bb/rsi_bb_strategy.py");
    return CapturePipeline.standard(store).capture(CaptureRequest.of(entry).withMode(CaptureMode.IMPORTS).withParams(params).withLabels(Map.of("k", "v"))).run().id();
  }

  @Test
  void exportThenImportRoundTripsRunsAndTarUnpacksThem() throws Exception {
    Path archive = tmp.resolve("runs.tar.gz");
    RunId a;
    RunId b;
    try (Store source = Store.open(tmp.resolve("a"))) {
      a = captureExample(source, Map.of("rsi_period", "14"));
      b = captureExample(source, Map.of("rsi_period", "20"));
      source.pin(b.value(), true);
      source.exportRuns(List.of(a.value(), "latest"), archive);
    }
    Path unpacked = Files.createDirectories(tmp.resolve("unpacked"));
    Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", unpacked.toString()).inheritIO().start();
    assertThat(tar.waitFor()).isZero();
    assertThat(unpacked.resolve(a + "/utils/risk.py")).hasSameBinaryContentAs(Path.of("../examples/rsi_bb/utils/risk.py"));
    assertThat(unpacked.resolve(b + "/.btsnap/run.json")).content().contains("\"rsi_period\": \"20\"").contains("\"pinned\": true");

    try (Store target = Store.open(tmp.resolve("b"))) {
      captureExample(target, Map.of("other", "1")); // same files: the import must add no blob
      long blobsBefore = target.usage().blobs();
      ImportResult result = target.importArchive(archive);
      assertThat(result.imported()).containsExactly(a, b);
      assertThat(target.usage().blobs()).isEqualTo(blobsBefore);
      Run imported = target.run(b.value());
      assertThat(imported.params()).containsExactly(Map.entry("rsi_period", "20"));
      assertThat(imported.labels()).containsExactly(Map.entry("k", "v"));
      assertThat(imported.pinned()).isTrue();
      assertThat(imported.created()).isEqualTo(b.created());
      Path restored = tmp.resolve("restored");
      target.restore(imported, restored);
      assertThat(restored.resolve("indicators/rsi.py")).hasSameBinaryContentAs(Path.of("../examples/rsi_bb/indicators/rsi.py"));
      assertThat(target.importArchive(archive).skipped()).containsExactly(a, b);
      assertThat(target.verify().isClean()).isTrue();
    }
  }

  /** An entry of a hand-made archive. */
  record Entry(String name, byte type, String content, String link) {
    static Entry file(String name, String content) {
      return new Entry(name, TarConstants.LF_NORMAL, content, null);
    }
  }

  private static void writeArchive(Path file, List<Entry> entries) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Entry e : entries) {
        TarArchiveEntry entry = new TarArchiveEntry(e.name(), e.type(), true);
        if (e.link() != null) {
          entry.setLinkName(e.link());
        }
        byte[] bytes = e.content() == null ? new byte[0] : e.content().getBytes(StandardCharsets.UTF_8);
        entry.setSize(e.type() == TarConstants.LF_NORMAL ? bytes.length : 0);
        tar.putArchiveEntry(entry);
        if (e.type() == TarConstants.LF_NORMAL) {
          tar.write(bytes);
        }
        tar.closeArchiveEntry();
      }
    }
  }

  static final String ID = "20261126-120000-000abc";

  static String runJson(String path, String content) {
    String hash = DigestUtils.sha256Hex(content);
    // Format 1, as btsnap before provenance wrote it: the reason is hashed into the manifest id.
    String legacyId = DigestUtils.sha256Hex("100644 " + content.length() + " " + hash + " " + path + "\tentry point (given)\n");
    return "{\"format\": 1, \"id\": \"" + ID + "\", \"created\": \"x\", \"mode\": \"entry\", \"entry\": \"" + path
        + "\", \"root\": \"/p\", \"params\": {}, \"labels\": {}, \"pinned\": false, \"manifest\": \"" + legacyId
        + "\", \"files\": [{\"path\": \"" + path + "\", \"hash\": \"" + hash + "\", \"size\": " + content.length()
        + ", \"executable\": false, \"reason\": \"entry point (given)\"}]}";
  }

  static Stream<Arguments> hostileArchives() {
    String json = runJson("s.py", "x = 1\n");
    Entry meta = Entry.file(ID + "/.btsnap/run.json", json);
    Entry good = Entry.file(ID + "/s.py", "x = 1\n");
    return Stream.of(
        Arguments.of("absolute entry", List.of(meta, good, Entry.file("/etc/evil", "x")), "is absolute"),
        Arguments.of("dot-dot entry", List.of(meta, good, Entry.file(ID + "/../../evil.py", "x")), "contains .."),
        Arguments.of("symbolic link", List.of(meta, good, new Entry(ID + "/link", TarConstants.LF_SYMLINK, null, "/etc/passwd")), "is a link, device or FIFO"),
        Arguments.of("hard link", List.of(meta, good, new Entry(ID + "/hard", TarConstants.LF_LINK, null, "/etc/passwd")), "is a link, device or FIFO"),
        Arguments.of("device", List.of(meta, good, new Entry(ID + "/dev", TarConstants.LF_CHR, null, null)), "is a link, device or FIFO"),
        Arguments.of("fifo", List.of(meta, good, new Entry(ID + "/fifo", TarConstants.LF_FIFO, null, null)), "is a link, device or FIFO"),
        Arguments.of("content does not match its hash", List.of(meta, Entry.file(ID + "/s.py", "x = 2\n")), "does not match its hash"),
        Arguments.of("file not in the manifest", List.of(meta, good, Entry.file(ID + "/extra.py", "")), "is not in the run's manifest"),
        Arguments.of("file missing", List.of(meta), "listed in the manifest but missing"),
        Arguments.of("no run file", List.of(good), "has no .btsnap/run.json"),
        Arguments.of("outside a run folder", List.of(meta, good, Entry.file("loose.py", "")), "is not inside a run folder"),
        Arguments.of("garbage run file", List.of(Entry.file(ID + "/.btsnap/run.json", "{not json"), good), "is not a valid run file"),
        Arguments.of("duplicate key in run file", List.of(Entry.file(ID + "/.btsnap/run.json",
            json.replace("\"pinned\": false", "\"pinned\": false, \"pinned\": true")), good), "duplicate key \"pinned\""),
        Arguments.of("bad escape in run file", List.of(Entry.file(ID + "/.btsnap/run.json",
            json.replace("\"root\": \"/p\"", "\"root\": \"/p\\\\q\\x\"")), good), "bad escape \\x"),
        Arguments.of("truncated run file", List.of(Entry.file(ID + "/.btsnap/run.json", json.substring(0, json.length() / 2)), good),
            "is not a valid run file"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileArchives")
  void unsafeArchiveIsRefusedWithNothingWritten(String name, List<Entry> entries, String message) throws Exception {
    Path archive = tmp.resolve("evil.tar.gz");
    writeArchive(archive, entries);
    try (Store store = Store.open(tmp.resolve("store"))) {
      captureExample(store, Map.of());
      Map<String, String> before = snapshot(tmp.resolve("store"));
      assertThatThrownBy(() -> store.importArchive(archive))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(message)
          .hasMessageContaining("nothing imported")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
      assertThat(snapshot(tmp.resolve("store"))).isEqualTo(before);
    }
    assertThat(tmp.resolve("evil.py")).doesNotExist();
    assertThat(Path.of("/etc/evil")).doesNotExist();
  }

  @Test
  void theGoodVersionOfTheHandMadeArchiveImports() throws Exception {
    Path archive = tmp.resolve("good.tar.gz");
    writeArchive(archive, List.of(Entry.file(ID + "/.btsnap/run.json", runJson("s.py", "x = 1\n")), Entry.file(ID + "/s.py", "x = 1\n")));
    try (Store store = Store.open(tmp.resolve("store"))) {
      assertThat(store.importArchive(archive).imported()).containsExactly(RunId.parse(ID));
      assertThat(store.readFile(store.run(ID), "s.py")).asString().isEqualTo("x = 1\n");
    }
  }

  @Test
  void notAnArchiveIsOneClearLine() throws Exception {
    Path archive = Files.writeString(tmp.resolve("x.tar.gz"), "plain text");
    try (Store store = Store.open(tmp.resolve("store"))) {
      assertThatThrownBy(() -> store.importArchive(archive)).hasMessageContaining("not a readable .tar.gz");
    }
  }

  private static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p) && !p.getFileName().toString().equals("lock.mdb")) {
          files.put(dir.relativize(p).toString(), DigestUtils.sha256Hex(Files.readAllBytes(p)));
        }
      }
    }
    return files;
  }
}
