package io.btsnap.remote;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Requests to the server, eight at a time: object storage answers each in milliseconds, many at once. */
final class Parallel {
  static final int REQUESTS = 8;

  private Parallel() {}

  interface Work<T> {
    void run(T item) throws IOException;
  }

  /** Runs {@code work} on every item; the first failure is thrown once all are done. */
  static <T> void each(List<T> items, Work<T> work) throws IOException {
    if (items.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(REQUESTS, items.size()));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> {
          work.run(item);
          return null;
        }));
      }
      IOException first = null;
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (first == null) {
            first = e.getCause() instanceof IOException io ? io : new RemoteException(String.valueOf(e.getCause()), e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new RemoteException("interrupted");
        }
      }
      if (first != null) {
        throw first;
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
