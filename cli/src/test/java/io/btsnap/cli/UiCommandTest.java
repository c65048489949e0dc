package io.btsnap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code btsnap ui} as a process: its one line, a page through it, Ctrl-C, and its usage errors. */
class UiCommandTest {
  private static final Pattern LINE = Pattern.compile("btsnap ui: (http://127\\.0\\.0\\.1:(\\d+)/\\?token=[A-Za-z0-9_-]+)");

  @TempDir Path tmp;

  @Test
  void printsItsAddressServesAndEndsCleanlyOnCtrlC() throws Exception {
    Path store = tmp.resolve("store");
    Cli cli = new Cli(store);
    assertThat(cli.run("store", "init").code()).isZero();
    Process ui = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "--store", store.toString(), "ui").redirectError(tmp.resolve("ui.err").toFile()).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(ui.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      Matcher m = LINE.matcher(line == null ? "" : line);
      assertThat(m.matches()).as(line).isTrue();
      HttpResponse<String> first = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(m.group(1))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(first.statusCode()).isEqualTo(303);
      assertThat(first.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).startsWith("btsnap-ui-" + m.group(2) + "="));

      assertThat(new ProcessBuilder("kill", "-INT", Long.toString(ui.pid())).start().waitFor()).isZero();
      assertThat(ui.waitFor(20, TimeUnit.SECONDS)).as("Ctrl-C ends it").isTrue();
      assertThat(java.nio.file.Files.readString(tmp.resolve("ui.err"))).isEmpty();
      // The port is free again at once.
      try (ServerSocket again = new ServerSocket(Integer.parseInt(m.group(2)), 1, java.net.InetAddress.getByName("127.0.0.1"))) {
        assertThat(again.getLocalPort()).isEqualTo(Integer.parseInt(m.group(2)));
      }
    } finally {
      ui.destroyForcibly();
    }
  }

  @Test
  void portInUseIsOneLineAndExit1() throws Exception {
    Cli cli = new Cli(tmp.resolve("store"));
    assertThat(cli.run("store", "init").code()).isZero();
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      Cli.Result r = cli.run("ui", "--port", Integer.toString(taken.getLocalPort()));
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).startsWith("btsnap: cannot listen on 127.0.0.1:" + taken.getLocalPort())
          .contains("give another --port").doesNotContain("\tat ").hasLineCount(1);
    }
  }

  @Test
  void badOptionsAreUsageErrors() throws Exception {
    Cli cli = new Cli(tmp.resolve("store"));
    assertThat(cli.run("store", "init").code()).isZero();
    Cli.Result bind = cli.run("ui", "--bind", "no-such-host.invalid");
    assertThat(bind.code()).isEqualTo(2);
    assertThat(bind.err()).startsWith("btsnap: --bind: no such address 'no-such-host.invalid'").hasLineCount(1);
    Cli.Result foreign = cli.run("ui", "--bind", "203.0.113.7");
    assertThat(foreign.code()).as("an address of no interface here").isEqualTo(1);
    assertThat(foreign.err()).startsWith("btsnap: cannot listen on 203.0.113.7:0").hasLineCount(1);
    Cli.Result port = cli.run("ui", "--port", "70000");
    assertThat(port.code()).isEqualTo(2);
    assertThat(port.err()).contains("--port must be from 0 to 65535").hasLineCount(1);
    Cli.Result noStore = new Cli(tmp.resolve("none")).run("ui");
    assertThat(noStore.code()).isEqualTo(1);
    assertThat(noStore.err()).startsWith("btsnap: no btsnap store at").hasLineCount(1);
  }
}
