package io.btsnap.cli.stress;

import static org.assertj.core.api.Assertions.assertThat;

import io.btsnap.cli.Main;
import io.btsnap.json.JsonReader;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.codec.digest.DigestUtils;

/** Starts worker processes, collects what they acknowledged, and checks the store afterwards. */
final class StressFixture {
  /** One acknowledged capture: its id, whether retention keeps it, the hash of its module. */
  record Ack(String id, boolean keep, String moduleHash, int writer) {}

  final Path store;
  final Path project;
  final Map<String, Ack> acknowledged = new ConcurrentHashMap<>();

  StressFixture(Path tmp) throws IOException {
    store = tmp.resolve("store");
    project = Files.createDirectories(tmp.resolve("proj"));
    Files.writeString(project.resolve("pyproject.toml"), "");
    Files.writeString(project.resolve("shared.py"), "SHARED = 1\n");
  }

  /** Creates the store with a first run, so that gc workers find it from their first loop. */
  StressFixture withStore() {
    String[] first = cli("capture", project.resolve("shared.py").toString(), "-l", "keep=yes");
    assertThat(first[0]).as(first[2]).isEqualTo("0");
    return this;
  }

  static int iterations(int ciDefault) {
    return Integer.getInteger("btsnap.stress.iterations", ciDefault);
  }

  /** A worker process and the thread reading its acknowledgements. */
  final class Worker {
    final Process process;
    final Thread reader;
    final List<String> lines = new ArrayList<>();

    Worker(int writer, String... args) throws IOException {
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), StressWorker.class.getName()));
      command.addAll(List.of(args));
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = in.readLine()) != null) {
            synchronized (lines) {
              lines.add(line);
            }
            if (line.startsWith("ok ")) {
              String[] f = line.split(" ");
              acknowledged.put(f[1], new Ack(f[1], f[2].equals("yes"), f[3], writer));
            }
          }
        } catch (IOException e) {
          // the process was killed
        }
      });
      reader.start();
    }

    int waitFor() throws InterruptedException {
      int code = process.waitFor();
      reader.join();
      return code;
    }

    void kill() throws InterruptedException {
      process.destroyForcibly(); // SIGKILL
      waitFor();
    }
  }

  Worker capture(int writer, int count) throws IOException {
    return new Worker(writer, "capture", store.toString(), project.toString(), Integer.toString(writer), Integer.toString(count));
  }

  Worker gc(int count) throws IOException {
    return new Worker(-1, "gc", store.toString(), Integer.toString(count));
  }

  String[] cli(String... args) {
    List<String> all = new ArrayList<>(List.of("--store", store.toString()));
    all.addAll(List.of(args));
    return cliRaw(all.toArray(String[]::new));
  }

  /** Runs the command line with exactly {@code args}: exit code, stdout, stderr. */
  String[] cliRaw(String... all) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(all, out, err, Map.of());
    return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
  }

  /**
   * Every acknowledged run that retention keeps is present and restores byte-identical, and
   * verify finds no problem (orphans allowed).
   */
  @SuppressWarnings("unchecked")
  int checkNothingLost(Path tmp) throws IOException {
    String[] verify = cli("store", "verify", "--json");
    Map<String, Object> report = (Map<String, Object>) JsonReader.parse(verify[1]);
    assertThat((List<Object>) report.get("problems")).as(verify[1]).isEmpty();
    assertThat(verify[0]).isEqualTo("0");
    int checked = 0;
    for (Ack ack : acknowledged.values()) {
      if (!ack.keep()) {
        continue;
      }
      Path out = tmp.resolve("restore-" + ack.id());
      String[] restored = cli("restore", ack.id(), out.toString());
      assertThat(restored[0]).as("run %s: %s", ack.id(), restored[2]).isEqualTo("0");
      assertThat(DigestUtils.sha256Hex(Files.readAllBytes(out.resolve("w" + ack.writer() + ".py")))).isEqualTo(ack.moduleHash());
      assertThat(out.resolve("shared.py")).hasContent("SHARED = 1");
      checked++;
    }
    return checked;
  }
}
