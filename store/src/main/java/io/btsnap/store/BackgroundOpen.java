package io.btsnap.store;

import io.btsnap.store.internal.StoreLayout;
import io.btsnap.store.internal.index.Index;
import io.btsnap.store.internal.index.IndexReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The thread of {@link Store#openInBackground}. It starts before the store is known, so that
 * loading the native binding does not wait for the arguments to be parsed. A class rather than a
 * lambda, which the JVM would spin at run time, on the critical path of a short command.
 */
public final class BackgroundOpen implements Runnable {
  private final CompletableFuture<Optional<Path>> store = new CompletableFuture<>();
  private final Thread thread = new Thread(this, "btsnap-open");

  private BackgroundOpen() {}

  static BackgroundOpen start() {
    BackgroundOpen opener = new BackgroundOpen();
    opener.thread.setDaemon(true);
    opener.thread.start();
    return opener;
  }

  /** Names the store to open, if it exists; empty when the command will open none. */
  public void open(Optional<Path> dir) {
    store.complete(dir);
  }

  /** Waits until the thread is done: the binding loaded and the named store opened, or not. */
  public void join() throws InterruptedException {
    thread.join();
  }

  @Override
  public void run() {
    Index.loadNativeLibrary();
    try {
      Optional<Path> dir = store.join();
      if (dir.isPresent()) {
        StoreLayout layout = new StoreLayout(dir.get().toAbsolutePath().normalize());
        if (layout.exists()) {
          layout.checkFormat();
          layout.checkLocalFileSystem();
          // Never released: the holder keeps the environment open for the process's own open.
          Index.acquire(layout.indexDir(), Index.DEFAULT_MAP_SIZE, layout::hasBlobs).read(IndexReader::newestRunId);
        }
      }
    } catch (IOException | RuntimeException e) {
      // The process's own open meets the same problem and reports it.
    }
  }
}
