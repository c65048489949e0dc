package io.btsnap.cli.remote;

import io.btsnap.cli.options.GlobalOptions;
import io.btsnap.remote.Passphrase;
import io.btsnap.remote.RemoteException;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Where an encrypted remote's passphrase comes from, in restic's order: {@code --password-file}
 * or {@code --password-command}, then {@code BTSNAP_REMOTE_PASSWORD}, {@code
 * BTSNAP_REMOTE_PASSWORD_FILE}, {@code BTSNAP_REMOTE_PASSWORD_COMMAND}, then a prompt when a
 * person is at a terminal. It is read only when a remote turns out to be encrypted; never
 * taken as an argument (process lists show those), never printed, never in an error.
 */
public final class PassphraseOptions {
  @Option(names = "--password-file", paramLabel = "FILE",
      description = "Read an encrypted remote's passphrase from FILE (its first line).")
  Path file;

  @Option(names = "--password-command", paramLabel = "COMMAND",
      description = "Run COMMAND (through sh) and take its output's first line as the passphrase.")
  String command;

  /** The passphrase, read when first needed, from the options, the environment or a prompt. */
  Passphrase passphrase(CommandSpec spec) {
    return resolve(file, command, GlobalOptions.of(spec).environment());
  }

  /**
   * The passphrase of a repository about to be created: the same as {@link #passphrase}, but a
   * prompt asks twice, since a mistyped passphrase would lock the repository for good.
   */
  Passphrase newPassphrase(CommandSpec spec) {
    Map<String, String> environment = GlobalOptions.of(spec).environment();
    if (file != null || command != null || Stream.of("", "_FILE", "_COMMAND").anyMatch(
        suffix -> !environment.getOrDefault("BTSNAP_REMOTE_PASSWORD" + suffix, "").isEmpty())) {
      return passphrase(spec);
    }
    return promptTwice("passphrase of the new encrypted remote: ", "the same passphrase again: ");
  }

  /** Asks twice at the terminal and refuses two different answers. */
  static Passphrase promptTwice(String question, String again) {
    return Passphrase.from(() -> {
      Console console = System.console();
      if (console == null) {
        throw new RemoteException("no terminal to ask for the passphrase: give --password-file, --password-command or"
            + " BTSNAP_REMOTE_PASSWORD");
      }
      char[] first = console.readPassword(question);
      char[] second = console.readPassword(again);
      if (first == null || second == null || !java.util.Arrays.equals(first, second)) {
        throw new RemoteException("the two passphrases differ: nothing changed");
      }
      java.util.Arrays.fill(second, '\0');
      return first;
    });
  }

  /** The passphrase from the environment or a prompt, for commands without these options. */
  public static Passphrase fromEnvironment(Map<String, String> environment) {
    return resolve(null, null, environment);
  }

  static Passphrase resolve(Path file, String command, Map<String, String> environment) {
    if (file != null && command != null) {
      return Passphrase.from(() -> {
        throw new RemoteException("give --password-file or --password-command, not both");
      });
    }
    if (file != null) {
      return Passphrase.from(() -> readFile(file, "--password-file"));
    }
    if (command != null) {
      return Passphrase.from(() -> run(command, "--password-command"));
    }
    String text = environment.get("BTSNAP_REMOTE_PASSWORD");
    if (text != null && !text.isEmpty()) {
      return Passphrase.of(text);
    }
    String envFile = environment.get("BTSNAP_REMOTE_PASSWORD_FILE");
    if (envFile != null && !envFile.isEmpty()) {
      return Passphrase.from(() -> readFile(Path.of(envFile), "BTSNAP_REMOTE_PASSWORD_FILE"));
    }
    String envCommand = environment.get("BTSNAP_REMOTE_PASSWORD_COMMAND");
    if (envCommand != null && !envCommand.isEmpty()) {
      return Passphrase.from(() -> run(envCommand, "BTSNAP_REMOTE_PASSWORD_COMMAND"));
    }
    return prompt("passphrase of the encrypted remote: ");
  }

  /** Asks at the terminal; without one, refuses with the ways to give a passphrase. */
  static Passphrase prompt(String question) {
    return Passphrase.from(() -> {
      Console console = System.console();
      if (console == null) {
        throw new RemoteException("the remote is encrypted and no terminal is there to ask: give its passphrase with"
            + " --password-file, --password-command, BTSNAP_REMOTE_PASSWORD, BTSNAP_REMOTE_PASSWORD_FILE or"
            + " BTSNAP_REMOTE_PASSWORD_COMMAND");
      }
      char[] answer = console.readPassword(question);
      if (answer == null) {
        throw new RemoteException("no passphrase given");
      }
      return answer;
    });
  }

  static char[] readFile(Path file, String from) throws IOException {
    try {
      return firstLine(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new RemoteException(from + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  static char[] run(String command, String from) throws IOException {
    Process process = new ProcessBuilder("sh", "-c", command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new RemoteException(from + ": the command did not finish within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteException(from + ": interrupted");
    }
    if (process.exitValue() != 0) {
      throw new RemoteException(from + ": the command exited " + process.exitValue());
    }
    return firstLine(new String(out, StandardCharsets.UTF_8));
  }

  /** The first line: a file or command ends its passphrase with a newline, which is not part of it. */
  private static char[] firstLine(String text) {
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    return line.toCharArray();
  }
}
