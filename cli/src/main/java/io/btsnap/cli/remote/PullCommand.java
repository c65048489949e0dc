package io.btsnap.cli.remote;

import io.btsnap.cli.options.GlobalOptions;
import io.btsnap.remote.Remote;
import io.btsnap.remote.RemoteSpec;
import io.btsnap.remote.Remotes;
import io.btsnap.store.Store;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Fetches runs from a remote, every byte checked before it enters the store. */
@Command(
    name = "pull",
    description = "Fetch runs from a remote that the store lacks; every object is checked against its hash"
        + " before any of its run is stored.",
    footerHeading = "%nExamples:%n",
    footer = {"  btsnap pull --all", "  btsnap pull --from shared --label sweep=rsi_grid", "  btsnap pull 20261126-2130"})
public final class PullCommand extends TransferCommand implements Callable<Integer> {
  @Option(names = "--from", paramLabel = "NAME", description = "The remote (default: the only one).")
  String from;

  @Override
  public Integer call() throws Exception {
    var wanted = selection();
    try (Store store = GlobalOptions.of(spec).openOrCreateStore()) {
      RemoteSpec remote = Remotes.of(store.location()).choose(Optional.ofNullable(from));
      try (Remote r = Remote.open(remote, io.btsnap.remote.Credentials.DEFAULT, passphrase.passphrase(spec)).withProgress(progress())) {
        print("pulled", remote.name(), r.pull(store, wanted));
      }
    }
    return 0;
  }
}
