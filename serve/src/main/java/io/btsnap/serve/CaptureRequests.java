package io.btsnap.serve;

import io.btsnap.capture.EntryPoint;
import io.btsnap.capture.Launch;
import io.btsnap.capture.detect.EnvVarDetector;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.store.model.CaptureMode;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a client's capture request into a {@link CaptureRequest}. Strict, since the socket is a
 * trust boundary: an unknown field, a value of the wrong type, a relative or unreachable working
 * folder each fail the request with one line, before anything is read from disk.
 *
 * <pre>
 * {"op": "capture", "cwd": "/abs", "pid": 123, "entry": "main.py", "module": "pkg.main",
 *  "how": "python client: __main__", "sysPath0": "/abs", "pythonPath": ["/abs"],
 *  "env": {"BTSNAP_ENTRY": "..."}, "mode": "imports", "params": {"k": "v"}, "labels": {...},
 *  "config": "strategy.yaml", "root": "/abs", "rootAs": "/abs", "maxFiles": 2000, "maxFileSize": 10485760,
 *  "minFree": 67108864, "loaded": {"/abs/mod.py": "mod"}, "environment": {"python": "3.11.7"},
 *  "started": 1796000000000, "generated": {"nb.cells.py": "import signals\n", "nb.ipynb": "{...}"}}
 * </pre>
 *
 * <p>{@code generated} holds files the client made and sends with their text (a notebook's
 * executed cells, the notebook without outputs), by path relative to {@code cwd} or absolute;
 * the entry may be one of them. The selection refuses one outside the project root.
 */
final class CaptureRequests {
  static final Set<String> FIELDS = Set.of(
      "op", "cwd", "pid", "entry", "module", "how", "sysPath0", "pythonPath", "env", "mode", "params", "labels",
      "config", "root", "rootAs", "maxFiles", "maxFileSize", "minFree", "loaded", "environment", "sameEnvironment",
      "started", "generated");
  /** The most files a client may send with their text: a notebook's cells and the notebook, with room to spare. */
  static final int MAX_GENERATED_FILES = 16;
  /** The most bytes those files may hold together (UTF-8): half a frame, far above a notebook's code. */
  static final int MAX_GENERATED_BYTES = 2 << 20;
  /** Bounds of a client's environment: far above an interpreter with every package installed. */
  private static final int MAX_ENVIRONMENT_ENTRIES = 20_000;
  private static final int MAX_ENVIRONMENT_TEXT = 1_000;
  /** Environment variables a client may pass: only what detection reads. */
  private static final Set<String> ENVIRONMENT = Set.of(EnvVarDetector.VARIABLE);

  private CaptureRequests() {}

  /** A request the service refuses; its message is the one line the client shows. */
  static final class BadRequestException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    BadRequestException(String message) {
      super(message);
    }
  }

  /**
   * Reads {@code json}, a parsed request object, into a capture request. {@code
   * "sameEnvironment": true} stands for the environment of the previous request on the
   * connection, {@code previous}: a client sends its few KB of package versions once.
   */
  static CaptureRequest read(Map<String, Object> json, Map<String, String> previous) throws java.io.IOException {
    for (String field : json.keySet()) {
      if (!FIELDS.contains(field)) {
        throw new BadRequestException("unknown field '" + field + "' in capture request");
      }
    }
    Path cwd = absolutePath(json, "cwd").orElseThrow(() -> new BadRequestException("capture request needs 'cwd'"));
    if (!Files.isDirectory(cwd)) {
      throw new BadRequestException("working folder " + cwd + " is not a folder the service can reach");
    }
    Optional<Long> pid = number(json, "pid").map(n -> {
      if (n <= 0) {
        throw new BadRequestException("'pid' must be positive: " + n);
      }
      return n;
    });
    Map<String, String> env = strings(json, "env");
    for (String name : env.keySet()) {
      if (!ENVIRONMENT.contains(name)) {
        throw new BadRequestException("environment variable '" + name + "' is not one capture reads");
      }
    }
    CaptureRequest request = CaptureRequest.withoutEntry().withWorkingDir(cwd)
        .withParams(keyValues(json, "params"))
        .withLabels(keyValues(json, "labels"))
        .withLoaded(loaded(json))
        .withGenerated(generated(json, cwd));
    Optional<EntryPoint> entry = entry(json, cwd, pid, env);
    if (entry.isPresent()) {
      request = request.withEntry(entry.get());
    }
    Optional<String> mode = string(json, "mode");
    if (mode.isPresent()) {
      try {
        request = request.withMode(CaptureMode.fromSpelling(mode.get()));
      } catch (IllegalArgumentException e) {
        throw new BadRequestException(e.getMessage());
      }
    }
    Optional<Path> config = path(json, "config");
    if (config.isPresent()) {
      request = request.withConfig(config.get());
    }
    Optional<Path> root = path(json, "root");
    Optional<Path> rootAs = absolutePath(json, "rootAs");
    if (rootAs.isPresent()) {
      // An engine's worker reads a copy of the project (Ray's working_dir): the run names the original.
      request = request.withRootCopy(root.orElseThrow(
          () -> new BadRequestException("'rootAs' needs 'root', the copy the files are read from")), rootAs.get());
    } else if (root.isPresent()) {
      request = request.withRoot(root.get());
    }
    Optional<Long> maxFiles = number(json, "maxFiles");
    Optional<Long> maxFileSize = number(json, "maxFileSize");
    Optional<Long> minFree = number(json, "minFree");
    if (maxFiles.isPresent()) {
      request = request.withMaxFiles((int) positive("maxFiles", maxFiles.get(), Integer.MAX_VALUE));
    }
    if (maxFileSize.isPresent()) {
      request = request.withMaxFileBytes(positive("maxFileSize", maxFileSize.get(), Long.MAX_VALUE));
    }
    if (minFree.isPresent()) {
      request = request.withMinFreeBytes(positive("minFree", minFree.get() + 1, Long.MAX_VALUE) - 1);
    }
    // Last, so the largest map is copied once.
    return request.withEnvironment(json.containsKey("sameEnvironment") ? sameEnvironment(json, previous) : environment(json));
  }

  private static Map<String, String> sameEnvironment(Map<String, Object> json, Map<String, String> previous) {
    if (!Boolean.TRUE.equals(json.get("sameEnvironment")) || json.containsKey("environment")) {
      throw new BadRequestException("'sameEnvironment' must be true and come without 'environment'");
    }
    if (previous == null) {
      throw new BadRequestException("'sameEnvironment' before any environment on this connection");
    }
    return previous;
  }

  /**
   * The entry the client named (with how its process was launched, which decides Python's
   * search path), else {@code $BTSNAP_ENTRY}.
   */
  private static Optional<EntryPoint> entry(Map<String, Object> json, Path cwd, Optional<Long> pid, Map<String, String> env)
      throws java.io.IOException {
    Optional<Path> file = path(json, "entry");
    if (file.isEmpty()) {
      // The client looked in its own process (__main__) and found nothing to name.
      return new EnvVarDetector(env, cwd).detect();
    }
    String how = string(json, "how").orElse("python client");
    if (pid.isEmpty()) {
      return Optional.of(new EntryPoint(file.get(), how));
    }
    // The client knows when its process started; asking the system costs a few file reads
    // and a user lookup per capture.
    Optional<Instant> started = number(json, "started").map(Instant::ofEpochMilli)
        .or(() -> ProcessHandle.of(pid.get()).flatMap(p -> p.info().startInstant()));
    List<Path> pythonPath = new ArrayList<>();
    for (Object p : list(json, "pythonPath")) {
      if (!(p instanceof String s)) {
        throw new BadRequestException("'pythonPath' must list paths");
      }
      pythonPath.add(toPath("pythonPath", s, cwd));
    }
    Optional<Path> first = path(json, "sysPath0").map(cwd::resolve);
    Launch launch = new Launch(pid.get(), started, string(json, "module"), cwd, first, pythonPath);
    return Optional.of(new EntryPoint(file.get(), how, Optional.of(launch)));
  }

  private static Map<String, String> environment(Map<String, Object> json) {
    Map<String, String> environment = strings(json, "environment");
    if (environment.size() > MAX_ENVIRONMENT_ENTRIES) {
      throw new BadRequestException("'environment' has " + environment.size() + " entries, over " + MAX_ENVIRONMENT_ENTRIES);
    }
    for (Map.Entry<String, String> e : environment.entrySet()) {
      if (e.getKey().isEmpty() || e.getKey().startsWith("git.") || e.getKey().length() > MAX_ENVIRONMENT_TEXT
          || e.getValue().length() > MAX_ENVIRONMENT_TEXT) {
        throw new BadRequestException("'environment' entry '" + e.getKey() + "' is empty, too long or a git.* key"
            + " (the service reads git itself)");
      }
    }
    return environment;
  }

  private static Map<Path, String> loaded(Map<String, Object> json) {
    Map<Path, String> loaded = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : strings(json, "loaded").entrySet()) {
      Path file = toPath("loaded", e.getKey(), null);
      if (!file.isAbsolute()) {
        throw new BadRequestException("'loaded' must list absolute paths: " + e.getKey());
      }
      loaded.put(file, e.getValue());
    }
    return loaded;
  }

  private static Map<Path, byte[]> generated(Map<String, Object> json, Path cwd) {
    Map<String, String> sent = strings(json, "generated");
    if (sent.size() > MAX_GENERATED_FILES) {
      throw new BadRequestException("'generated' has " + sent.size() + " files, over " + MAX_GENERATED_FILES);
    }
    Map<Path, byte[]> generated = new LinkedHashMap<>();
    long total = 0;
    for (Map.Entry<String, String> e : sent.entrySet()) {
      Path file = toPath("generated", e.getKey(), cwd).normalize();
      byte[] content = e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      total += content.length;
      if (total > MAX_GENERATED_BYTES) {
        throw new BadRequestException("'generated' files come to over " + MAX_GENERATED_BYTES + " bytes");
      }
      if (generated.put(file, content) != null) {
        throw new BadRequestException("'generated' names " + file + " twice");
      }
    }
    return generated;
  }

  private static Map<String, String> keyValues(Map<String, Object> json, String field) {
    Map<String, String> values = strings(json, field);
    for (String key : values.keySet()) {
      if (key.isBlank() || key.contains("=")) {
        throw new BadRequestException("'" + field + "' key must be non-empty and without '=': '" + key + "'");
      }
    }
    return values;
  }

  private static long positive(String field, long value, long max) {
    if (value <= 0 || value > max) {
      throw new BadRequestException("'" + field + "' is out of range: " + value);
    }
    return value;
  }

  private static Optional<Path> absolutePath(Map<String, Object> json, String field) {
    Optional<Path> path = path(json, field);
    if (path.isPresent() && !path.get().isAbsolute()) {
      throw new BadRequestException("'" + field + "' must be an absolute path: " + path.get());
    }
    return path;
  }

  private static Optional<Path> path(Map<String, Object> json, String field) {
    return string(json, field).map(s -> toPath(field, s, null));
  }

  private static Path toPath(String field, String text, Path base) {
    if (text.isEmpty() || text.indexOf('\0') >= 0) {
      throw new BadRequestException("'" + field + "' is not a path: '" + text + "'");
    }
    try {
      Path p = Path.of(text);
      return base == null ? p : base.resolve(p);
    } catch (InvalidPathException e) {
      throw new BadRequestException("'" + field + "' is not a path: " + e.getMessage());
    }
  }

  private static Optional<String> string(Map<String, Object> json, String field) {
    Object value = json.get(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String s)) {
      throw new BadRequestException("'" + field + "' must be a string");
    }
    return Optional.of(s);
  }

  /** Field {@code field} as an integer, if present; a bad request when it is another type. */
  static Optional<Long> number(Map<String, Object> json, String field) {
    Object value = json.get(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Long n)) {
      throw new BadRequestException("'" + field + "' must be an integer");
    }
    return Optional.of(n);
  }

  /** Field {@code field} as a list, empty when absent; a bad request when it is another type. */
  static List<?> list(Map<String, Object> json, String field) {
    Object value = json.get(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> l)) {
      throw new BadRequestException("'" + field + "' must be a list");
    }
    return l;
  }

  /** Field {@code field} as an object of strings, empty when absent; a bad request otherwise. */
  static Map<String, String> strings(Map<String, Object> json, String field) {
    Object value = json.get(field);
    Map<String, String> map = new LinkedHashMap<>();
    if (value == null) {
      return map;
    }
    if (!(value instanceof Map<?, ?> m)) {
      throw new BadRequestException("'" + field + "' must be an object");
    }
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!(e.getValue() instanceof String s)) {
        throw new BadRequestException("'" + field + "' value of '" + e.getKey() + "' must be a string");
      }
      map.put((String) e.getKey(), s);
    }
    return map;
  }
}
