package io.btsnap.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Writes btsnap's man page (troff, section 1) from the same model as {@code --help}, so the two
 * never disagree: a description, then each command's help text. Run at build time:
 * {@code java -cp btsnap.jar io.btsnap.cli.ManPage > btsnap.1}.
 */
public final class ManPage {
  private ManPage() {}

  /** Prints the page to standard output. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.print(render());
  }

  /** Returns the page. */
  static String render() {
    CommandLine root = Main.commandLine(new ByteArrayOutputStream(), new ByteArrayOutputStream());
    StringBuilder page = new StringBuilder();
    page.append(".TH BTSNAP 1 \"\" \"btsnap ").append(BuildVersion.VERSION).append("\" \"User Commands\"\n");
    page.append(".SH NAME\nbtsnap \\- content-addressed snapshots of the code behind every backtest\n");
    page.append(".SH SYNOPSIS\n.B btsnap\n[\\fB\\-\\-store\\fR \\fIDIR\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR]\n");
    page.append(".SH DESCRIPTION\n");
    verbatim(page, usage(root));
    page.append(".SH COMMANDS\n");
    for (Map.Entry<String, CommandLine> command : commands(root)) {
      page.append(".SS ").append(escape(command.getKey())).append('\n');
      verbatim(page, usage(command.getValue()));
    }
    page.append(".SH FILES\n.TP\n.I ~/.btsnap\nThe default store; \\fB$BTSNAP_HOME\\fR or \\fB\\-\\-store\\fR name another.\n");
    return page.toString();
  }

  private static List<Map.Entry<String, CommandLine>> commands(CommandLine root) {
    List<Map.Entry<String, CommandLine>> all = new ArrayList<>();
    root.getSubcommands().forEach((name, sub) -> {
      all.add(Map.entry("btsnap " + name, sub));
      sub.getSubcommands().forEach((child, cmd) -> all.add(Map.entry("btsnap " + name + " " + child, cmd)));
    });
    return all;
  }

  private static String usage(CommandLine command) {
    return command.getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  private static void verbatim(StringBuilder page, String text) {
    page.append(".nf\n");
    for (String line : text.split("\n", -1)) {
      page.append(escape(line)).append('\n');
    }
    page.append(".fi\n");
  }

  /** Escapes what troff would read as requests or escapes. */
  private static String escape(String line) {
    String escaped = line.replace("\\", "\\e").replace("-", "\\-");
    return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
  }
}
