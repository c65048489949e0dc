package io.btsnap.cli.options;

import io.btsnap.store.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the top-level command gives every subcommand: the chosen store, the environment and raw
 * standard output. Subcommands reach it through this interface so that they never import the
 * package of the command that registers them.
 */
public interface GlobalOptions {
  /** Returns the options of the command line that {@code spec} belongs to. */
  static GlobalOptions of(CommandSpec spec) {
    return (GlobalOptions) spec.root().userObject();
  }

  /** Returns the store folder the user chose. */
  Path storeDir();

  /** Opens the chosen store, creating it if needed. */
  default Store openOrCreateStore() throws IOException {
    return Store.open(storeDir());
  }

  /** Opens the chosen store, failing if it does not exist. */
  default Store openStore() throws IOException {
    return Store.openExisting(storeDir());
  }

  /** Returns the environment variables the command sees. */
  Map<String, String> environment();

  /** Returns standard output as bytes, for file contents that must pass unchanged. */
  OutputStream rawOut();
}
