package io.btsnap.store;

import io.btsnap.store.internal.blob.FileOperations;
import io.btsnap.store.internal.blob.LocalFileOperations;
import io.btsnap.store.internal.index.Index;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** Opens stores for tests with chosen map sizes and file operations. */
final class TestStores {
  private TestStores() {}

  static Store open(Path dir) throws IOException {
    return Store.open(dir);
  }

  static Store withMapSize(Path dir, long mapSize) throws IOException {
    return Store.open(dir, true, mapSize, LocalFileOperations.INSTANCE, Clock.systemUTC());
  }

  static Store withClock(Path dir, Clock clock) throws IOException {
    return Store.open(dir, true, Index.DEFAULT_MAP_SIZE, LocalFileOperations.INSTANCE, clock);
  }

  static Store with(Path dir, FileOperations files, Clock clock) throws IOException {
    return Store.open(dir, true, Index.DEFAULT_MAP_SIZE, files, clock);
  }

  static Store withFileOperations(Path dir, FileOperations files) throws IOException {
    return Store.open(dir, true, Index.DEFAULT_MAP_SIZE, files, Clock.systemUTC());
  }
}
