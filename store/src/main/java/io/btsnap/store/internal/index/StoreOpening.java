package io.btsnap.store.internal.index;

import io.btsnap.store.internal.StoreAccess;
import io.btsnap.store.internal.StoreGroup;
import io.btsnap.store.internal.StoreLayout;
import io.btsnap.store.model.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A store's folder checked and its index acquired: what opening a store takes before any of its
 * parts is built. Creating one with a group gives that group the folders before anything is in them.
 */
public record StoreOpening(StoreLayout layout, StoreAccess access, Index index) {
  /** Opens the store in {@code dir}, creating a private one when {@code create} and there is none. */
  public static StoreOpening open(Path dir, boolean create, long mapSize) throws IOException {
    StoreLayout layout = new StoreLayout(dir.toAbsolutePath().normalize());
    layout.checkIsFolder();
    if (!layout.exists()) {
      if (!create) {
        throw new StoreException("no btsnap store at " + layout.root() + " (capture a run first, or pass --store)");
      }
      layout.create(StoreAccess.PRIVATE);
    }
    StoreAccess access = layout.checkFormat();
    layout.checkLocalFileSystem();
    Index index = Index.acquire(layout.indexDir(), mapSize, layout::hasBlobs);
    if (access == StoreAccess.GROUP) {
      // LMDB creates its files for the owner; the group needs them too. store init creates
      // them, so this changes nothing after the first open.
      for (String name : List.of("data.mdb", "lock.mdb", "btsnap-env.lock")) {
        Path file = layout.indexDir().resolve(name);
        if (Files.exists(file)) {
          access.makeFileMode(file);
        }
      }
    }
    return new StoreOpening(layout, access, index);
  }

  /** Lays out a new store in {@code dir}, which must be new or empty; refuses a store that exists. */
  public static void init(Path dir, Optional<String> group) throws IOException {
    StoreLayout layout = new StoreLayout(dir.toAbsolutePath().normalize());
    if (layout.exists()) {
      throw new StoreException("a store already exists at " + layout.root());
    }
    layout.checkNewOrStore();
    StoreAccess access = StoreAccess.PRIVATE;
    if (group.isPresent()) {
      access = StoreAccess.GROUP;
      Files.createDirectories(layout.root());
      StoreGroup.give(layout.root(), group.get());
    }
    layout.create(access);
  }
}
