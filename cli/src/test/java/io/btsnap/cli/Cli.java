package io.btsnap.cli;

import io.btsnap.json.JsonReader;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the real command line with captured output, against one store folder. */
final class Cli {
  private final Path store;

  Cli(Path store) {
    this.store = store;
  }

  Result run(String... args) {
    List<String> all = new ArrayList<>(List.of("--store", store.toString()));
    all.addAll(List.of(args));
    return runRaw(all.toArray(String[]::new));
  }

  static Result runRaw(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, out, err, System.getenv());
    return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  record Result(int code, byte[] stdout, String err) {
    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    Object json() {
      return JsonReader.parse(out());
    }
  }
}
