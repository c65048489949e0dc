package io.btsnap.store.internal.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Write transactions of many threads committed together: a thread that finds the index busy
 * queues its work, and the next thread to get the writer runs all queued work in one
 * transaction with one durable commit. Each caller returns only after the commit that holds its
 * work. A durable commit costs about as much as a whole capture's other work, so a service
 * with many clients gains most of its throughput here.
 *
 * <p>One work's failure fails no other: a batch that throws is aborted and its works run
 * again one transaction each, so each caller sees its own outcome.
 */
public final class GroupCommit {
  private final Index index;
  private final ReentrantLock writer = new ReentrantLock();
  private final ConcurrentLinkedQueue<Pending<?>> queue = new ConcurrentLinkedQueue<>();
  private final java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();

  /** Commits through {@code index}. */
  public GroupCommit(Index index) {
    this.index = index;
  }

  /** Runs {@code work} in a write transaction, perhaps shared, and returns after its durable commit. */
  public <R> R write(IndexFunction<IndexWriter, R> work) throws IOException {
    Pending<R> mine = new Pending<>(work);
    queue.add(mine);
    writer.lock();
    try {
      if (!mine.done) {
        List<Pending<?>> batch = new ArrayList<>();
        for (Pending<?> p = queue.poll(); p != null; p = queue.poll()) {
          batch.add(p);
        }
        if (!batch.contains(mine)) {
          batch.add(mine); // a leader that died of an Error left it unrun
        }
        commit(batch);
      }
    } finally {
      writer.unlock();
    }
    return mine.result();
  }

  private void commit(List<Pending<?>> batch) {
    if (batch.size() > 1) {
      try {
        List<Object> results = index.write(w -> {
          List<Object> each = new ArrayList<>(batch.size());
          for (Pending<?> p : batch) {
            each.add(p.work.apply(w));
          }
          return each;
        });
        commits.incrementAndGet();
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).succeed(results.get(i));
        }
        return;
      } catch (IOException | RuntimeException e) {
        // Someone's work failed and took the batch with it: find whose by running each alone.
      }
    }
    for (Pending<?> p : batch) {
      try {
        p.succeed(index.write(p.work));
        commits.incrementAndGet();
      } catch (IOException | RuntimeException e) {
        p.fail(e);
      }
    }
  }

  /** Returns how many transactions committed so far: fewer than the works when they shared. */
  public long commits() {
    return commits.get();
  }

  /** One caller's work and, once its commit is done, its outcome; guarded by the writer lock. */
  private static final class Pending<R> {
    final IndexFunction<IndexWriter, R> work;
    boolean done;
    private Object result;
    private Exception failure;

    Pending(IndexFunction<IndexWriter, R> work) {
      this.work = work;
    }

    void succeed(Object value) {
      result = value;
      done = true;
    }

    void fail(Exception e) {
      failure = e;
      done = true;
    }

    @SuppressWarnings("unchecked")
    R result() throws IOException {
      if (failure instanceof IOException io) {
        throw io;
      }
      if (failure != null) {
        throw (RuntimeException) failure;
      }
      return (R) result;
    }
  }
}
