package io.btsnap.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.store.model.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** forEachRun reads runs in batches, each in its own transaction. */
class RunListingTest {
  @TempDir Path tmp;
  Path dir;
  Path entry;

  @BeforeEach
  void setUp() throws Exception {
    dir = tmp.resolve("store");
    entry = new TestProject(tmp.resolve("proj")).write("s.py", "x = 1\n");
    try (Store store = Store.open(dir)) {
      for (int i = 0; i < 11; i++) {
        CapturePipeline.standard(store).capture(CaptureRequest.of(entry).withParams(Map.of("i", "" + i)));
      }
    }
  }

  @Test
  void everyBatchSizeVisitsEveryRunOnceNewestFirst() throws Exception {
    try (Store store = Store.openExisting(dir)) {
      List<Run> all = store.runs();
      assertThat(all).hasSize(11);
      for (int batch : new int[] {1, 2, 3, 10, 11, 12, 4096}) {
        List<Run> seen = new ArrayList<>();
        store.forEachRun(seen::add, batch);
        assertThat(seen).as("batch %d", batch).isEqualTo(all);
      }
    }
  }

  @Test
  void runsCapturedDuringTheWalkAreNotVisitedAndNoneIsSkipped() throws Exception {
    try (Store store = Store.openExisting(dir)) {
      List<Run> before = store.runs();
      List<Run> seen = new ArrayList<>();
      store.forEachRun(run -> {
        seen.add(run);
        CapturePipeline.standard(store).capture(CaptureRequest.of(entry).withParams(Map.of("during", run.id().value())));
      }, 4);
      assertThat(seen).isEqualTo(before);
      assertThat(store.runs()).hasSize(22);
    }
  }
}
