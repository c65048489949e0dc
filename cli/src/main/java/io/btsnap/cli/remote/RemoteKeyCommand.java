package io.btsnap.cli.remote;

import io.btsnap.cli.options.GlobalOptions;
import io.btsnap.cli.options.JsonOption;
import io.btsnap.json.Json;
import io.btsnap.remote.Credentials;
import io.btsnap.remote.Keyring;
import io.btsnap.remote.Passphrase;
import io.btsnap.remote.Remote;
import io.btsnap.remote.RemoteException;
import io.btsnap.remote.RemoteSpec;
import io.btsnap.remote.Remotes;
import io.btsnap.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code remote key}: the passphrases that unlock an encrypted remote, one key object each. */
@Command(
    name = "key",
    description = "Manage the keys of an encrypted remote: each lets one passphrase unlock it.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {RemoteKeyCommand.Add.class, RemoteKeyCommand.ListKeys.class, RemoteKeyCommand.Remove.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  btsnap remote key add shared --new-password-file colleague.pass",
      "  btsnap remote key list shared",
      "  btsnap remote key remove shared 3f9a02c1",
      "Removing a key stops its passphrase from unlocking the remote; whoever unlocked it before keeps",
      "the master key and can still read the bucket."
    })
final class RemoteKeyCommand {
  private RemoteKeyCommand() {}

  /** Opens the remote named {@code name} (or the only one) with the passphrase the options give. */
  static Remote open(CommandSpec spec, Store store, String name, PassphraseOptions passphrase) throws Exception {
    RemoteSpec remote = Remotes.of(store.location()).choose(Optional.ofNullable(name));
    if (!remote.encrypted()) {
      throw new RemoteException("remote " + remote.name() + " is plain: it has no keys");
    }
    return Remote.open(remote, Credentials.DEFAULT, passphrase.passphrase(spec));
  }

  /** {@code remote key add}. */
  @Command(name = "add", description = "Add a key: a new passphrase that unlocks the remote, from --new-password-file,"
      + " --new-password-command, or asked twice at a terminal.")
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin PassphraseOptions passphrase;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "The remote (default: the only one).") String name;

    @Option(names = "--new-password-file", paramLabel = "FILE", description = "Read the new passphrase from FILE (its first line).")
    Path newFile;

    @Option(names = "--new-password-command", paramLabel = "COMMAND",
        description = "Run COMMAND (through sh) and take its output's first line as the new passphrase.")
    String newCommand;

    @Override
    public Integer call() throws Exception {
      Passphrase fresh = newPassphrase();
      Keyring.Key key;
      try (Store store = GlobalOptions.of(spec).openStore(); Remote remote = open(spec, store, name, passphrase)) {
        key = remote.keyring().add(fresh);
      }
      spec.commandLine().getOut().println("added key " + key.shortId());
      return 0;
    }

    private Passphrase newPassphrase() {
      if (newFile != null && newCommand != null) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "give --new-password-file or --new-password-command, not both");
      }
      if (newFile != null) {
        return Passphrase.from(() -> PassphraseOptions.readFile(newFile, "--new-password-file"));
      }
      if (newCommand != null) {
        return Passphrase.from(() -> PassphraseOptions.run(newCommand, "--new-password-command"));
      }
      return PassphraseOptions.promptTwice("new passphrase: ", "the new passphrase again: ");
    }
  }

  /** {@code remote key list}. */
  @Command(name = "list", aliases = "ls", description = "List the remote's keys by short id; * marks the one this passphrase opens.")
  static final class ListKeys implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin PassphraseOptions passphrase;
    @Mixin JsonOption json;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "The remote (default: the only one).") String name;

    @Override
    public Integer call() throws Exception {
      List<Keyring.Key> keys;
      try (Store store = GlobalOptions.of(spec).openStore(); Remote remote = open(spec, store, name, passphrase)) {
        keys = remote.keyring().list();
      }
      if (json.enabled()) {
        List<Object> items = new ArrayList<>();
        for (Keyring.Key k : keys) {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("id", k.shortId());
          item.put("created", k.created().toString());
          item.put("current", k.current());
          items.add(item);
        }
        spec.commandLine().getOut().println(Json.write(items));
      } else {
        keys.forEach(k -> spec.commandLine().getOut().println((k.current() ? "* " : "  ") + k.shortId() + "\t" + k.created()));
      }
      return 0;
    }
  }

  /** {@code remote key remove}. */
  @Command(name = "remove", aliases = "rm", description = "Remove a key by its short id. Refuses the last key and the one this"
      + " passphrase opens. Does not revoke anyone who already unlocked the remote: they know its master key.")
  static final class Remove implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin PassphraseOptions passphrase;

    @Parameters(index = "0", paramLabel = "NAME", description = "The remote.") String name;

    @Parameters(index = "1", paramLabel = "KEY", description = "The key's short id (or more of it).") String id;

    @Override
    public Integer call() throws Exception {
      Keyring.Key key;
      try (Store store = GlobalOptions.of(spec).openStore(); Remote remote = open(spec, store, name, passphrase)) {
        key = remote.keyring().remove(id);
      }
      spec.commandLine().getOut().println("removed key " + key.shortId());
      return 0;
    }
  }
}
