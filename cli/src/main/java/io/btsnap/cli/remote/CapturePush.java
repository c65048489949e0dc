package io.btsnap.cli.remote;

import io.btsnap.remote.Remote;
import io.btsnap.remote.Remotes;
import io.btsnap.store.Store;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.StoreException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** {@code capture --push REMOTE}: the capture's run sent to the remote once it is stored. */
public final class CapturePush {
  private CapturePush() {}

  /**
   * Pushes {@code run}; a failure names the run, which stays in the store. An encrypted remote's
   * passphrase comes from {@code environment} or a prompt.
   */
  public static void push(Store store, Run run, String remoteName, java.util.Map<String, String> environment) throws IOException {
    try (Remote remote = Remote.open(Remotes.of(store.location()).choose(Optional.of(remoteName)),
        io.btsnap.remote.Credentials.DEFAULT, PassphraseOptions.fromEnvironment(environment))) {
      remote.push(store, List.of(run));
    } catch (IOException e) {
      throw new StoreException("captured " + run.id() + ", but the push to " + remoteName + " failed: " + e.getMessage(), e);
    }
  }
}
