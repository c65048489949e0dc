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
  void everyCommandHasHelpWithItsOwnExamples() {
    picocli.CommandLine root = Main.commandLine(new java.io.ByteArrayOutputStream(), new java.io.ByteArrayOutputStream());
    List<String[]> commands = new java.util.ArrayList<>();
    root.getSubcommands().forEach((name, sub) -> {
      if (!name.equals("help")) {
        commands.add(new String[] {name});
        sub.getSubcommands().keySet().forEach(child -> commands.add(new String[] {name, child}));
      }
    });
    assertThat(commands).hasSizeGreaterThan(20);
    java.util.Set<String> examples = new java.util.HashSet<>();
    for (String[] command : commands) {
      String[] args = Stream.concat(Stream.of(command), Stream.of("--help")).toArray(String[]::new);
      Cli.Result result = Cli.runRaw(args);
      String name = String.join(" ", command);
      assertThat(result.code()).as(name).isZero();
      assertThat(result.out()).as(name).startsWith("Usage: btsnap " + name).containsPattern("Examples?:");
      String own = result.out().substring(result.out().indexOf("Example"));
      assertThat(examples.add(own)).as(name + " has examples of its own").isTrue();
      String[] viaHelp = Stream.concat(Stream.of("help"), Stream.of(command)).toArray(String[]::new);
      assertThat(Cli.runRaw(viaHelp).out()).as("btsnap help " + name).isEqualTo(result.out());
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
