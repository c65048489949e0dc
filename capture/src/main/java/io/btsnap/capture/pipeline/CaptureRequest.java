package io.btsnap.capture.pipeline;

import io.btsnap.bytes.ByteSizes;
import io.btsnap.capture.EntryPoint;
import io.btsnap.capture.SelectionRequest;
import io.btsnap.store.model.CaptureMode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to capture and with which parameters and labels.
 *
 * @param entry the strategy's main file, if known
 * @param detectEntry whether the store should detect the entry point (from {@code $BTSNAP_ENTRY}
 *     and the calling thread's stack) when {@code entry} is empty
 * @param mode the selection mode; empty to take it from strategy.yaml, else entry mode
 * @param config the strategy.yaml to use; empty to look beside the entry and at the root
 * @param root the project root; empty to find it
 * @param rootAs the root the run records when {@code root} is a copy of it made elsewhere (an
 *     engine that ships the code to its workers): the manifest is read from the copy, the run
 *     names the folder it copies; empty to record {@code root}
 * @param workingDir the folder relative paths and detection start from
 * @param params the backtest's parameters, in order
 * @param labels free-form labels, in order
 * @param minFreeBytes free space the store's file system must keep after the capture
 * @param maxFileBytes the largest file a capture takes unless listed exactly in strategy.yaml; a larger
 *     one fails the capture
 * @param maxFiles the most files strategy.yaml's globs may select
 * @param loaded the module files the running process loaded, with their module names, as its
 *     client reports them (for the modes that take them)
 * @param environment what the capturing process knows of its environment (interpreter,
 *     platform, packages); the store adds the project's git state
 * @param generated files the client sent with their content, by absolute path (a notebook's
 *     executed cells, the notebook without outputs): taken as sent, in every mode, whether or not
 *     they exist on disk; the entry may be one of them
 */
public record CaptureRequest(
    Optional<EntryPoint> entry,
    boolean detectEntry,
    Optional<CaptureMode> mode,
    Optional<Path> config,
    Optional<Path> root,
    Optional<Path> rootAs,
    Path workingDir,
    Map<String, String> params,
    Map<String, String> labels,
    long minFreeBytes,
    long maxFileBytes,
    int maxFiles,
    Map<Path, String> loaded,
    Map<String, String> environment,
    Map<Path, byte[]> generated) {

  /** Free space a capture leaves on the store's disk unless told otherwise, as options take it. */
  public static final String DEFAULT_MIN_FREE = "64M";

  public static final long DEFAULT_MIN_FREE_BYTES = ByteSizes.parse(DEFAULT_MIN_FREE);

  /** The largest file a capture takes unless told otherwise: 10 MiB, far above source code. */
  public static final String DEFAULT_MAX_FILE_SIZE = "10M";

  public static final long DEFAULT_MAX_FILE_BYTES = ByteSizes.parse(DEFAULT_MAX_FILE_SIZE);

  /** The most files globs may select unless told otherwise: far above a strategy, far below a virtualenv. */
  public static final int DEFAULT_MAX_FILES = 2000;

  /** Checks and copies the fields. */
  public CaptureRequest {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(rootAs, "rootAs");
    if (rootAs.isPresent() && (root.isEmpty() || !rootAs.get().isAbsolute())) {
      throw new IllegalArgumentException("rootAs needs an absolute path and a root to read from: " + rootAs.get());
    }
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    loaded = Collections.unmodifiableMap(new LinkedHashMap<>(loaded));
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    Map<Path, byte[]> normal = new LinkedHashMap<>();
    for (Map.Entry<Path, byte[]> g : generated.entrySet()) {
      if (!g.getKey().isAbsolute()) {
        throw new IllegalArgumentException("generated file must have an absolute path: " + g.getKey());
      }
      normal.put(g.getKey().normalize(), Objects.requireNonNull(g.getValue(), "content"));
    }
    generated = Collections.unmodifiableMap(normal);
    if (maxFileBytes <= 0) {
      throw new IllegalArgumentException("maximum file size must be positive: " + maxFileBytes);
    }
    if (maxFiles <= 0) {
      throw new IllegalArgumentException("maximum file count must be positive: " + maxFiles);
    }
    if (minFreeBytes < 0) {
      throw new IllegalArgumentException("minimum free space must not be negative: " + minFreeBytes);
    }
  }

  /** A request to capture {@code entry} (as the user named it), in entry mode unless told otherwise. */
  public static CaptureRequest of(Path entry) {
    return new CaptureRequest(
        Optional.of(EntryPoint.given(entry)), false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        currentDir(), Map.of(), Map.of(), DEFAULT_MIN_FREE_BYTES, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES, Map.of(), Map.of(), Map.of());
  }

  /**
   * A request whose entry point the store detects in the calling thread: {@code $BTSNAP_ENTRY},
   * else the outermost application class on the stack, resolved under {@code src/main/java} or
   * {@code src/test/java}.
   */
  public static CaptureRequest detectingEntry() {
    return new CaptureRequest(
        Optional.empty(), true, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), currentDir(), Map.of(), Map.of(), DEFAULT_MIN_FREE_BYTES, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES, Map.of(), Map.of(), Map.of());
  }

  /** A request with no entry point: only a strategy.yaml can say what to capture. */
  public static CaptureRequest withoutEntry() {
    return new CaptureRequest(
        Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), currentDir(), Map.of(), Map.of(), DEFAULT_MIN_FREE_BYTES, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES, Map.of(), Map.of(), Map.of());
  }

  private static Path currentDir() {
    return Path.of("").toAbsolutePath();
  }

  /** Returns what file selection needs of this request. */
  public SelectionRequest selection() {
    return new SelectionRequest(entry, mode, config, root, workingDir, maxFiles, loaded, generated);
  }

  /** Returns this request with the entry point {@code value}. */
  public CaptureRequest withEntry(EntryPoint value) {
    return new CaptureRequest(Optional.of(value), false, mode, config, root, rootAs, workingDir, params, labels, minFreeBytes, maxFileBytes, maxFiles, loaded, environment, generated);
  }

  /** Returns this request with {@code params}. */
  public CaptureRequest withParams(Map<String, String> value) {
    return new CaptureRequest(entry, detectEntry, mode, config, root, rootAs, workingDir, value, labels, minFreeBytes, maxFileBytes, maxFiles, loaded, environment, generated);
  }

  /** Returns this request with {@code labels}. */
  public CaptureRequest withLabels(Map<String, String> value) {
    return new CaptureRequest(entry, detectEntry, mode, config, root, rootAs, workingDir, params, value, minFreeBytes, maxFileBytes, maxFiles, loaded, environment, generated);
  }

  /** Returns this request with the project root {@code value}. */
  public CaptureRequest withRoot(Path value) {
    return new CaptureRequest(entry, detectEntry, mode, config, Optional.of(value), rootAs, workingDir, params, labels, minFreeBytes, maxFileBytes, maxFiles, loaded, environment, generated);
  }

  /**
   * Returns this request reading the project from {@code copy}, a copy of the folder {@code
   * original} (absolute), and recording the run's root as {@code original}.
   */
  public CaptureRequest withRootCopy(Path copy, Path original) {
    return new CaptureRequest(entry, detectEntry, mode, config, Optional.of(copy), Optional.of(original), workingDir, params, labels, minFreeBytes, maxFileBytes, maxFiles, loaded, environment, generated);
  }

  /** Returns this request with the selection mode {@code value}. */
  public CaptureRequest withMode(CaptureMode value) {
    return new CaptureRequest(entry, detectEntry, Optional.of(value), config, root, rootAs, workingDir, params, labels, minFreeBytes, maxFileBytes, maxFiles, loaded, environment, generated);
  }

  /** Returns this request reading the strategy file {@code value}. */
  public CaptureRequest withConfig(Path value) {
    return new CaptureRequest(entry, detectEntry, mode, Optional.of(value), root, rootAs, workingDir, params, labels, minFreeBytes, maxFileBytes, maxFiles, loaded, environment, generated);
  }

  /** Returns this request keeping {@code value} bytes free on the store's disk. */
  public CaptureRequest withMinFreeBytes(long value) {
    return new CaptureRequest(entry, detectEntry, mode, config, root, rootAs, workingDir, params, labels, value, maxFileBytes, maxFiles, loaded, environment, generated);
  }

  /** Returns this request refusing files larger than {@code value} bytes. */
  public CaptureRequest withMaxFileBytes(long value) {
    return new CaptureRequest(entry, detectEntry, mode, config, root, rootAs, workingDir, params, labels, minFreeBytes, value, maxFiles, loaded, environment, generated);
  }

  /** Returns this request refusing globs that select more than {@code value} files. */
  public CaptureRequest withMaxFiles(int value) {
    return new CaptureRequest(entry, detectEntry, mode, config, root, rootAs, workingDir, params, labels, minFreeBytes, maxFileBytes, value, loaded, environment, generated);
  }

  /** Returns this request resolving relative paths against {@code value}. */
  public CaptureRequest withWorkingDir(Path value) {
    return new CaptureRequest(entry, detectEntry, mode, config, root, rootAs, value.toAbsolutePath(), params, labels, minFreeBytes, maxFileBytes, maxFiles, loaded, environment, generated);
  }

  /** Returns this request with the module files the running process loaded. */
  public CaptureRequest withLoaded(Map<Path, String> value) {
    return new CaptureRequest(entry, detectEntry, mode, config, root, rootAs, workingDir, params, labels, minFreeBytes, maxFileBytes, maxFiles, value, environment, generated);
  }

  /** Returns this request with what the capturing process knows of its environment. */
  public CaptureRequest withEnvironment(Map<String, String> value) {
    return new CaptureRequest(entry, detectEntry, mode, config, root, rootAs, workingDir, params, labels, minFreeBytes, maxFileBytes, maxFiles, loaded, value, generated);
  }

  /** Returns this request with files the client sent with their content, by absolute path. */
  public CaptureRequest withGenerated(Map<Path, byte[]> value) {
    return new CaptureRequest(entry, detectEntry, mode, config, root, rootAs, workingDir, params, labels, minFreeBytes, maxFileBytes, maxFiles, loaded, environment, value);
  }
}
