package io.btsnap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The man page is the help of every command, in troff a man reader accepts. */
class ManPageTest {
  @Test
  void everyCommandHasASectionAndNoLineIsAStrayRequest() {
    String page = ManPage.render();
    assertThat(page).startsWith(".TH BTSNAP 1 ").contains(".SH NAME\n", ".SH SYNOPSIS\n", ".SH COMMANDS\n");
    for (String command : new String[] {"capture", "ls", "annotate", "sweep", "serve", "store gc", "store du", "import"}) {
      assertThat(page).contains(".SS btsnap " + command.replace("-", "\\-") + "\n");
    }
    assertThat(page).contains("btsnap store gc \\-\\-keep\\-top 10").doesNotContain("\u001b");
    Set<String> requests = Set.of(".TH", ".SH", ".SS", ".nf", ".fi", ".B", ".TP", ".I");
    page.lines().filter(l -> l.startsWith(".") || l.startsWith("'"))
        .forEach(l -> assertThat(requests).as(l).contains(l.split(" ", 2)[0]));
  }
}
