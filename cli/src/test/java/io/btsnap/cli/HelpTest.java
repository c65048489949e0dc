package io.btsnap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class HelpTest {
  @Test
  void helpShowsExamplesAndExitCodes() {
    Cli.Result result = Cli.runRaw("--help");
    assertThat(result.code()).isZero();
    assertThat(result.out())
        .contains("capture", "restore", "store", "Examples:", "Exit codes:", "2   bad usage");
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] command : List.of(
        new String[] {"capture"}, new String[] {"ls"}, new String[] {"show"}, new String[] {"cat"},
        new String[] {"restore"}, new String[] {"diff"}, new String[] {"store", "du"},
        new String[] {"store", "verify"}, new String[] {"store", "gc"}, new String[] {"pin"}, new String[] {"unpin"},
        new String[] {"export"}, new String[] {"import"}, new String[] {"completion"})) {
      String[] args = Stream.concat(Stream.of(command), Stream.of("--help")).toArray(String[]::new);
      Cli.Result result = Cli.runRaw(args);
      assertThat(result.code()).as(String.join(" ", command)).isZero();
      assertThat(result.out()).startsWith("Usage: btsnap " + String.join(" ", command));
    }
  }

  @Test
  void completionPrintsABashScriptThatKnowsTheCommands() {
    Cli.Result result = Cli.runRaw("completion");
    assertThat(result.code()).isZero();
    assertThat(result.out()).contains("complete -F").contains("capture").contains("restore");
  }

  @Test
  void cliUsesOnlyThePublicApiOfTheStore() throws IOException {
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      List<Path> offenders =
          sources
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> read(p).contains(".internal."))
              .toList();
      assertThat(offenders).isEmpty();
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
