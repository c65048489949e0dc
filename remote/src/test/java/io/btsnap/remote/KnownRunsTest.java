package io.btsnap.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.btsnap.store.model.RunId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's cache of the runs a remote holds: by day, so a push reads only its runs' days. */
class KnownRunsTest {
  @TempDir Path store;

  static final RunId OLD = RunId.parse("20250101-120000-0001a2");
  static final RunId OLDER = RunId.parse("20240607-080910-123abc");
  static final RunId TODAY = RunId.parse("20261203-101112-1c8def");

  @Test
  void aPushReadsOnlyTheDaysOfItsRunsAndAnOldSingleFileIsSplitOnce() throws Exception {
    Path cache = Files.createDirectories(store.resolve("remote-cache"));
    Files.writeString(cache.resolve("shared.runs"), OLD.value() + "\n" + OLDER.value() + "\n2026120");
    KnownRuns known = KnownRuns.of(store, "shared");
    assertThat(known.isEmpty()).isFalse();
    assertThat(cache.resolve("shared.runs")).doesNotExist();
    assertThat(known.knownAmong(List.of(OLD, TODAY))).containsExactly(OLD);
    known.add(List.of(TODAY));
    // Another day's file unreadable: a push of today's run does not read it.
    Files.writeString(cache.resolve("shared.runs-by-day").resolve("20250101"), "garbage that is not read\n");
    assertThat(known.knownAmong(List.of(TODAY))).containsExactly(TODAY);
    assertThat(known.knownAmong(List.of(OLDER, TODAY))).containsExactlyInAnyOrder(OLDER, TODAY);
    known.delete();
    assertThat(known.isEmpty()).isTrue();
    assertThat(known.knownAmong(List.of(TODAY))).isEmpty();
  }

  @Test
  void forgettingARemoteForgetsItsRuns() throws Exception {
    KnownRuns.of(store, "gone").add(List.of(TODAY));
    Remotes remotes = Remotes.of(store);
    remotes.add(RemoteSpec.parse("gone", "s3://bucket/x", java.util.Optional.empty(), java.util.Optional.empty(), false));
    assertThat(KnownRuns.of(store, "gone").isEmpty()).as("a new remote of an old name knows nothing").isTrue();
  }
}
