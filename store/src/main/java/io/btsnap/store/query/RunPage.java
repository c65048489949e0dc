package io.btsnap.store.query;

import io.btsnap.store.model.Run;
import io.btsnap.store.Store;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * One page of the runs a query matches, with how many match in all and the parameter and metric
 * names those runs have (the columns a table of them needs).
 *
 * @param runs the page, in order
 * @param total how many runs match
 * @param params the parameter names of the matching runs, in order of first appearance
 * @param metrics the metric names of the matching runs, in order of first appearance
 */
public record RunPage(List<Run> runs, int total, Set<String> params, Set<String> metrics) {
  /** Copies the collections. */
  public RunPage {
    runs = List.copyOf(runs);
    params = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(params));
    metrics = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(metrics));
  }

  /**
   * Reads the page of {@code limit} runs from {@code offset} of the runs {@code query} matches,
   * in {@code order} (empty: newest first, the store's own order), in one pass over the store.
   * Only {@code offset + limit} runs are held at once, so a page of a 100k-run store costs the
   * walk and little memory; ties keep the store's order (newest first).
   */
  public static RunPage read(Store store, RunQuery query, Optional<Comparator<Run>> order, int offset, int limit)
      throws IOException {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException("offset and limit must not be negative: " + offset + ", " + limit);
    }
    int keep = (int) Math.min(Integer.MAX_VALUE, (long) offset + limit);
    Set<String> params = new LinkedHashSet<>();
    Set<String> metrics = new LinkedHashSet<>();
    int[] total = {0};
    // The walk's position breaks ties, so a bounded heap gives the same page as a stable sort.
    Comparator<Ranked> ranked = order
        .map(o -> Comparator.comparing(Ranked::run, o).thenComparingInt(Ranked::position))
        .orElse(Comparator.comparingInt(Ranked::position));
    PriorityQueue<Ranked> best = new PriorityQueue<>(ranked.reversed());
    store.forEachRun(run -> {
      if (!query.matches(run)) {
        return;
      }
      params.addAll(run.params().keySet());
      metrics.addAll(run.metrics().keySet());
      Ranked r = new Ranked(run, total[0]++);
      if (keep == 0) {
        return;
      }
      if (best.size() < keep) {
        best.add(r);
      } else if (ranked.compare(r, best.peek()) < 0) {
        best.poll();
        best.add(r);
      }
    });
    List<Ranked> sorted = new ArrayList<>(best);
    sorted.sort(ranked);
    List<Run> page = new ArrayList<>();
    for (int i = offset; i < sorted.size(); i++) {
      page.add(sorted.get(i).run());
    }
    return new RunPage(page, total[0], params, metrics);
  }

  private record Ranked(Run run, int position) {}
}
