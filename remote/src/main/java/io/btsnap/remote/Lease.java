package io.btsnap.remote;

import io.btsnap.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A push's lease, {@code leases/<validSeconds>-<uuid>.json}: while it lives, remote gc deletes
 * neither the objects the push relies on nor anything of a mark the push has not seen. It names
 * the gc marks its push has read ({@code seen}) and the marked objects its push uses ({@code
 * keep}). A thread rewrites it every quarter of its validity; gc treats a lease the server has
 * not seen written for {@code validity} as its push's death.
 */
final class Lease implements AutoCloseable {
  static final Duration VALIDITY = Duration.ofMinutes(10);

  private final ObjectStore objects;
  private final String key;
  private final Duration validity;
  private final ScheduledExecutorService renewer;
  private volatile byte[] content;
  /** When the last write of the lease completed, on this process's monotonic clock. */
  private volatile long writtenNanos;

  private Lease(ObjectStore objects, Duration validity) {
    this.objects = objects;
    this.validity = validity;
    this.key = "leases/" + validity.toSeconds() + "-" + UUID.randomUUID() + ".json";
    this.content = body(List.of(), List.of());
    this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "btsnap-lease");
      t.setDaemon(true);
      return t;
    });
  }

  /** Writes a new lease that has seen no mark and keeps nothing, and keeps it alive until closed. */
  static Lease take(ObjectStore objects, Duration validity) throws RemoteException {
    Lease lease = new Lease(objects, validity);
    lease.write();
    long period = Math.max(1, validity.toMillis() / 4);
    lease.renewer.scheduleWithFixedDelay(lease::renew, period, period, TimeUnit.MILLISECONDS);
    return lease;
  }

  /** Records the marks its push has read and the marked objects it will rely on. */
  void record(Collection<String> seen, Collection<String> keep) throws RemoteException {
    content = body(seen, keep);
    write();
  }

  /**
   * Returns whether gc still sees this lease alive with room to spare: its last write completed
   * less than half its validity ago. A push checks this before its segment makes its objects
   * referenced; past it, the push makes sure of its objects again.
   */
  boolean fresh() {
    return System.nanoTime() - writtenNanos < validity.toNanos() / 2;
  }

  private synchronized void write() throws RemoteException {
    objects.put(key, content);
    writtenNanos = System.nanoTime();
  }

  private void renew() {
    try {
      write();
    } catch (RemoteException e) {
      // The push finds out through fresh() before it relies on the lease.
    }
  }

  private static byte[] body(Collection<String> seen, Collection<String> keep) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", 1);
    json.put("seen", new ArrayList<>(seen));
    json.put("keep", new ArrayList<>(keep));
    return Json.writeCompact(json).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws RemoteException {
    renewer.shutdownNow();
    try {
      renewer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    objects.delete(key);
  }
}
