package io.btsnap.store.internal.runs;

import io.btsnap.store.internal.index.Index;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import io.btsnap.store.model.RunVisitor;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Every run, newest first, read in batches, each in its own short read transaction, with the
 * consumer called outside them: a slow consumer (a pager) must not hold a read transaction,
 * which would keep LMDB from reusing pages that captures meanwhile free.
 */
public final class RunBatches {
  private RunBatches() {}

  /** Calls {@code consumer} with every run of {@code index}, {@code batchSize} read at a time. */
  public static void forEach(Index index, int batchSize, RunVisitor consumer) throws IOException {
    Optional<RunId> after = Optional.empty();
    while (true) {
      Optional<RunId> from = after;
      List<Run> batch = index.read(reader -> reader.runsNewestFirst(from, batchSize));
      for (Run run : batch) {
        consumer.visit(run);
      }
      if (batch.size() < batchSize) {
        return;
      }
      after = Optional.of(batch.get(batch.size() - 1).id());
    }
  }
}
