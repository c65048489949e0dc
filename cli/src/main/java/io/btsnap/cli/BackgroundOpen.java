package io.btsnap.cli;

import io.btsnap.store.Store;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Starts, on a daemon thread, what a process's first open of a store does: loading the index's
 * native binding, then, once {@link #open} names the store, opening it. A short command spends
 * 80 to 150 ms there, which can run beside argument parsing and file selection on the other
 * core. The store stays open until the JVM exits, and the command's own open shares its
 * environment. Only an existing store is opened; a failure is left for the command's own open
 * to report. A class rather than a lambda, which the JVM would spin at run time, on the critical
 * path of a short command.
 */
final class BackgroundOpen implements Runnable {
  private final CompletableFuture<Optional<Path>> store = new CompletableFuture<>();
  private final Thread thread = new Thread(this, "btsnap-open");

  private BackgroundOpen() {}

  /** Starts loading the binding; the store follows once {@link #open} names it. */
  static BackgroundOpen start() {
    BackgroundOpen opener = new BackgroundOpen();
    opener.thread.setDaemon(true);
    opener.thread.start();
    return opener;
  }

  /** Names the store to open, if it exists; empty when the command will open none. */
  void open(Optional<Path> dir) {
    store.complete(dir);
  }

  /** Waits until the thread is done: the binding loaded and the named store opened, or not. */
  void join() throws InterruptedException {
    thread.join();
  }

  @Override
  public void run() {
    Store.loadNativeBinding();
    try {
      Optional<Path> dir = store.join();
      if (dir.isPresent() && Store.exists(dir.get())) {
        // Never closed: it keeps the environment open for the command's own open.
        Store.openExisting(dir.get());
      }
    } catch (IOException | RuntimeException e) {
      // The command's own open meets the same problem and reports it.
    }
  }
}
