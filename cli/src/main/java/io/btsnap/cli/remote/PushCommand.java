package io.btsnap.cli.remote;

import io.btsnap.cli.options.GlobalOptions;
import io.btsnap.remote.Remote;
import io.btsnap.remote.RemoteSpec;
import io.btsnap.remote.Remotes;
import io.btsnap.store.Store;
import io.btsnap.store.model.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Sends runs to a remote: only what it lacks. */
@Command(
    name = "push",
    description = "Send runs to a remote: the blobs it lacks, their manifests, then the run records."
        + " Rerunning after a failure completes the push and duplicates nothing.",
    footerHeading = "%nExamples:%n",
    footer = {"  btsnap push --all", "  btsnap push --to shared --label sweep=rsi_grid", "  btsnap push latest --json"})
public final class PushCommand extends TransferCommand implements Callable<Integer> {
  @Option(names = "--to", paramLabel = "NAME", description = "The remote (default: the only one).")
  String to;

  @Override
  public Integer call() throws Exception {
    Predicate<Run> wanted = selection();
    try (Store store = GlobalOptions.of(spec).openStore()) {
      RemoteSpec remote = Remotes.of(store.location()).choose(Optional.ofNullable(to));
      List<Run> runs = new ArrayList<>();
      if (!refs.isEmpty()) {
        for (String ref : refs) {
          runs.add(store.run(ref)); // a ref the store does not know fails here, by name
        }
      } else {
        store.forEachRun(r -> {
          if (wanted.test(r)) {
            runs.add(r);
          }
        });
      }
      java.util.Collections.reverse(runs);
      try (Remote r = Remote.open(remote, io.btsnap.remote.Credentials.DEFAULT, passphrase.passphrase(spec)).withProgress(progress())) {
        print("pushed", remote.name(), r.push(store, runs));
      }
    }
    return 0;
  }
}
