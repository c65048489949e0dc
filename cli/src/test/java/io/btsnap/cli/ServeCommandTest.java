package io.btsnap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code btsnap serve} as a real child process driven through the real CLI, and the commands
 * whose output grew with the service: the environment in {@code show} and {@code diff}, and the
 * modes only the Python client can ask for. (The client's own suite, in python/tests, drives the
 * service from real Python processes.)
 */
class ServeCommandTest {
  @TempDir Path tmp;

  @Test
  void statusAndStopOfARealServiceProcess() throws Exception {
    Path store = tmp.resolve("store");
    Cli cli = new Cli(store);
    assertThat(cli.run("serve", "--status").code()).as("no store yet").isEqualTo(1);
    assertThat(cli.run("store", "init").code()).isZero();
    Cli.Result none = cli.run("serve", "--status");
    assertThat(none.code()).isEqualTo(3);
    assertThat(none.out()).startsWith("no capture service runs for ");
    assertThat(cli.run("serve", "--status", "--stop").code()).isEqualTo(2);

    Process service = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "--store", store.toString(), "serve", "--idle", "0").redirectErrorStream(true).start();
    try {
      Map<String, Object> status = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (status == null && System.nanoTime() < deadline) {
        Cli.Result r = cli.run("serve", "--status", "--json");
        if (r.code() == 0) {
          @SuppressWarnings("unchecked")
          Map<String, Object> parsed = (Map<String, Object>) r.json();
          status = parsed;
        } else {
          Thread.sleep(50);
        }
      }
      assertThat(status).as("the service answered").isNotNull();
      assertThat(status.get("pid")).isEqualTo(service.pid());
      assertThat(status.get("captures")).isEqualTo(0L);
      assertThat(status.get("store")).isEqualTo(store.toRealPath().toString());

      Cli.Result stop = cli.run("serve", "--stop");
      assertThat(stop.code()).as(stop.err()).isZero();
      assertThat(stop.out()).startsWith("stopped the capture service (pid " + service.pid() + ")");
      assertThat(service.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(service.exitValue()).isZero();
      String log = new String(service.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(log).contains("stopped: stopped by a client");
      assertThat(cli.run("serve", "--status").code()).isEqualTo(3);
    } finally {
      service.destroyForcibly();
    }
  }

  @Test
  void theLoadedModesNeedThePythonClient() throws Exception {
    Path entry = Files.writeString(Files.createDirectories(tmp.resolve("p")).resolve("main.py"), "x = 1\n");
    Cli.Result r = new Cli(tmp.resolve("store")).run("capture", entry.toString(), "--mode", "loaded");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("mode loaded needs the modules the running Python process loaded");
    assertThat(tmp.resolve("store")).doesNotExist();
  }

  @Test
  void showAndDiffReportTheEnvironmentBesideTheCode() throws Exception {
    assumeTrue(gitWorks(), "git is not installed");
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    Files.writeString(repo.resolve("main.py"), "import risk\n");
    Files.writeString(repo.resolve("risk.py"), "LIMIT = 1\n");
    git(repo, "init", "-q", "-b", "main");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "first");
    Cli cli = new Cli(tmp.resolve("store"));
    String first = cli.run("capture", repo.resolve("main.py").toString(), "--mode", "imports").out().strip();
    Files.writeString(repo.resolve("risk.py"), "LIMIT = 2\n");
    String second = cli.run("capture", repo.resolve("main.py").toString(), "--mode", "imports").out().strip();

    String commit = git(repo, "rev-parse", "HEAD").strip();
    assertThat(cli.run("show", first).out()).contains("environ   git main@" + commit.substring(0, 8) + "\n");
    assertThat(cli.run("show", second).out()).contains("environ   git main@" + commit.substring(0, 8) + " (dirty)\n");
    assertThat(cli.run("diff", first, second).out()).isEqualTo("M\trisk.py\nenv\tgit.dirty: false -> true\n");
    @SuppressWarnings("unchecked")
    Map<String, Object> diff = (Map<String, Object>) cli.run("diff", first, second, "--json").json();
    assertThat(diff.get("environment")).isEqualTo(List.of(Map.of("key", "git.dirty", "before", "false", "after", "true")));
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static boolean gitWorks() {
    try {
      return new ProcessBuilder("git", "--version").start().waitFor() == 0;
    } catch (java.io.IOException | InterruptedException e) {
      return false;
    }
  }

  private static String git(Path repo, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-C", repo.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }
}
