package io.btsnap.store.internal;

import io.btsnap.store.model.StoreException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalNotFoundException;

/** Gives a new store's folder to a group, for {@code store init --group}. */
public final class StoreGroup {
  private StoreGroup() {}

  /** Sets the group of {@code folder} to {@code name}; one clear line when it can't. */
  public static void give(Path folder, String name) throws IOException {
    GroupPrincipal group;
    try {
      group = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(name);
    } catch (UserPrincipalNotFoundException e) {
      throw new StoreException("no group '" + name + "' on this machine");
    }
    try {
      Files.getFileAttributeView(folder, PosixFileAttributeView.class).setGroup(group);
    } catch (FileSystemException e) {
      throw new StoreException("can't give " + folder + " to group '" + name + "' (" + e.getReason()
          + "): you must be a member of the group");
    }
  }
}
