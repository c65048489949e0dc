package io.btsnap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** main() builds the model of the one command it runs; it must behave as the full command line. */
class LazyCommandLineTest {
  @TempDir Path tmp;

  @Test
  void theCommandIsTheFirstWordAfterGlobalOptions() {
    assertThat(Main.commandNamed(new String[] {"capture", "x.py"})).contains("capture");
    assertThat(Main.commandNamed(new String[] {"--store", "/s", "--stacktrace", "ls"})).contains("ls");
    assertThat(Main.commandNamed(new String[] {"--store=/s", "store", "du"})).contains("store");
    assertThat(Main.commandNamed(new String[] {"--help"})).isEmpty();
    assertThat(Main.commandNamed(new String[] {"frobnicate"})).isEmpty();
    assertThat(Main.commandNamed(new String[] {"completion"})).as("completion lists every command").isEmpty();
    assertThat(Main.commandNamed(new String[] {})).isEmpty();
  }

  @Test
  void theStoreOpenedEarlyIsTheOneNamedBeforeTheCommand() {
    Map<String, String> env = Map.of("BTSNAP_HOME", "/home/s");
    assertThat(Main.storeBeforeCommand(new String[] {"--store", "/a", "ls"}, env)).contains(Path.of("/a"));
    assertThat(Main.storeBeforeCommand(new String[] {"--stacktrace", "--store=/b", "show", "x"}, env)).contains(Path.of("/b"));
    assertThat(Main.storeBeforeCommand(new String[] {"store", "du"}, env)).contains(Path.of("/home/s"));
    assertThat(Main.storeBeforeCommand(new String[] {"ls", "--store", "/c"}, env))
        .as("only picocli can tell an option after the command from a value")
        .isEmpty();
  }

  private static String[] run(Optional<String> only, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.commandLine(out, err, Map.of(), only).execute(args);
    return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void oneCommandModelBehavesLikeTheFullOne() throws Exception {
    Path entry = Files.writeString(Files.createDirectories(tmp.resolve("p")).resolve("s.py"), "x = 1\n");
    String store = tmp.resolve("store").toString();
    String[] captured = run(Optional.of("capture"), "--store", store, "capture", entry.toString(), "--json");
    assertThat(captured[0]).as(captured[2]).isEqualTo("0");
    assertThat(run(Optional.of("show"), "--store", store, "show", "latest", "--json")[1])
        .isEqualTo(run(Optional.empty(), "--store", store, "show", "latest", "--json")[1]);
    assertThat(run(Optional.of("capture"), "capture", "--help")[1]).isEqualTo(run(Optional.empty(), "capture", "--help")[1]);
    String[] bad = run(Optional.of("capture"), "--store", store, "capture", "--bogus");
    assertThat(bad[0]).isEqualTo("2");
    assertThat(bad[2]).startsWith("btsnap: Unknown option: '--bogus'");
  }
}
