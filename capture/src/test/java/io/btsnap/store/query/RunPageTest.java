package io.btsnap.store.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.store.Store;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A page read in one pass with a bounded heap is the page of the whole list, stably sorted. */
class RunPageTest {
  @TempDir Path tmp;

  @Test
  void everyPageEqualsTheSliceOfTheFullStableSort() throws Exception {
    long seed = new Random().nextLong();
    System.out.println("RunPageTest seed " + seed);
    Random random = new Random(seed);
    Path entry = Files.writeString(Files.createDirectories(tmp.resolve("p")).resolve("s.py"), "print(1)\n");
    try (Store store = Store.open(tmp.resolve("store"))) {
      Run base = CapturePipeline.standard(store).capture(CaptureRequest.of(entry)).run();
      Manifest manifest = store.manifest(base);
      Map<Run, Manifest> added = new LinkedHashMap<>();
      for (int i = 0; i < 300; i++) {
        RunId id = RunId.forInstant(base.created().plusMillis(i + 1), i);
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (random.nextInt(5) > 0) {
          // Few distinct values: ties must keep the store's order.
          metrics.put("sharpe", (double) random.nextInt(8));
        }
        added.put(new Run(id, id.created(), base.mode(), base.entry(), base.root(), Map.of("i", Integer.toString(random.nextInt(50))),
            Map.of("sweep", random.nextBoolean() ? "a" : "b"), false, base.manifest(), base.provenance(), base.environment(),
            metrics), manifest);
      }
      store.addRuns(added, Map.of());
      List<Run> all = store.runs();
      List<Optional<Comparator<Run>>> orders = List.of(Optional.empty(),
          Optional.of(Comparator.comparing((Run r) -> r.metrics().get("sharpe"), Comparator.nullsLast(Comparator.reverseOrder()))),
          Optional.of(Comparator.comparing((Run r) -> r.metrics().get("sharpe"), Comparator.nullsLast(Comparator.naturalOrder()))),
          Optional.of(Comparator.comparing(Run::id)));
      List<RunQuery> queries = List.of(RunQuery.of(Map.of(), Map.of(), List.of(), null),
          RunQuery.of(Map.of("sweep", "a"), Map.of(), List.of("sharpe>=3"), null));
      for (int trial = 0; trial < 60; trial++) {
        RunQuery query = queries.get(random.nextInt(queries.size()));
        Optional<Comparator<Run>> order = orders.get(random.nextInt(orders.size()));
        int offset = random.nextInt(320);
        int limit = random.nextInt(60);
        List<Run> expected = new ArrayList<>(all.stream().filter(query::matches).toList());
        order.ifPresent(expected::sort);
        RunPage page = RunPage.read(store, query, order, offset, limit);
        assertThat(page.total()).isEqualTo(expected.size());
        assertThat(page.runs()).as("offset %d limit %d", offset, limit)
            .containsExactlyElementsOf(expected.subList(Math.min(offset, expected.size()), Math.min(offset + limit, expected.size())));
      }
      RunPage first = RunPage.read(store, queries.get(0), Optional.empty(), 0, 5);
      assertThat(first.params()).containsExactly("i");
      assertThat(first.metrics()).containsExactly("sharpe");
      assertThatThrownBy(() -> RunPage.read(store, queries.get(0), Optional.empty(), -1, 5)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
