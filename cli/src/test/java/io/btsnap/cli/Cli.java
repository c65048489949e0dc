package io.btsnap.cli;

import io.btsnap.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the real command line with captured output, against one store folder. */
final class Cli {
  private final Path store;
  private final Map<String, String> environment;

  Cli(Path store) {
    this(store, System.getenv());
  }

  private Cli(Path store, Map<String, String> environment) {
    this.store = store;
    this.environment = environment;
  }

  /** This command line with {@code extra} added to the environment it sees. */
  Cli withEnvironment(Map<String, String> extra) {
    Map<String, String> all = new HashMap<>(environment);
    all.putAll(extra);
    return new Cli(store, all);
  }

  Result run(String... args) {
    List<String> all = new ArrayList<>(List.of("--store", store.toString()));
    all.addAll(List.of(args));
    return runRaw(environment, all.toArray(String[]::new));
  }

  static Result runRaw(String... args) {
    return runRaw(System.getenv(), args);
  }

  static Result runRaw(Map<String, String> environment, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, out, err, environment);
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
