package io.btsnap.capture.pipeline;

import io.btsnap.capture.EntryPoint;
import io.btsnap.capture.EntryPointDetector;
import io.btsnap.capture.FileSelection;
import io.btsnap.capture.FileSelector;
import io.btsnap.capture.detect.EnvVarDetector;
import io.btsnap.capture.detect.StackWalkerDetector;
import io.btsnap.store.Store;
import io.btsnap.store.model.Committed;
import io.btsnap.store.model.Environment;
import io.btsnap.store.model.RunDraft;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one way a capture is made, whoever asks (the CLI, the capture service, a JVM program):
 * select the files, read each once (hashing while the bytes are in hand, which the commit then
 * writes), let the caller's steps add to the run, commit. The CLI and the service call the three
 * parts apart to do their own work between them (a dry run, an explanation, the reply).
 *
 * <p>Threads: a pipeline may be shared; captures from several threads share the store's commits.
 */
public final class CapturePipeline {
  private final Store store;
  private final List<CaptureStep> steps;

  /** The last environment reported and its record: a service's clients report the same one. */
  private volatile Map.Entry<Map<String, String>, Environment> lastReported = Map.entry(Map.of(), Environment.NONE);

  private CapturePipeline(Store store, List<CaptureStep> steps) {
    this.store = store;
    this.steps = List.copyOf(steps);
  }

  /** A pipeline into {@code store} with the steps every btsnap capture takes: git state, sweep drift. */
  public static CapturePipeline standard(Store store) {
    return new CapturePipeline(store, List.of(new GitStateStep(), new SweepDriftStep()));
  }

  /** A pipeline into {@code store} with only {@code steps}. */
  public static CapturePipeline of(Store store, CaptureStep... steps) {
    return new CapturePipeline(store, List.of(steps));
  }

  /** Selects, reads and commits the files {@code request} names, as a new run. */
  public CaptureResult capture(CaptureRequest request) throws IOException {
    CaptureRequest detected = withDetectedEntry(request);
    return commit(detected, read(detected, new FileSelector().select(detected.selection())));
  }

  /**
   * Returns the files {@code request} would capture, without storing anything: a bad request
   * fails here, before any store is opened or created.
   */
  public static FileSelection select(CaptureRequest request) throws IOException {
    return new FileSelector().select(withDetectedEntry(request).selection());
  }

  /** Reads {@code selection}, made for {@code request}, once: the bytes the commit will store. */
  public static CaptureContent read(CaptureRequest request, FileSelection selection) throws IOException {
    return CaptureContent.read(selection, request.maxFileBytes());
  }

  /** Runs the steps and commits {@code content}, read for {@code request}, as a new run. */
  public CaptureResult commit(CaptureRequest request, CaptureContent content) throws IOException {
    FileSelection selection = content.selection();
    Environment environment = reported(request.environment());
    List<String> warnings = new ArrayList<>(selection.warnings());
    warnings.addAll(content.warnings());
    for (CaptureStep step : steps) {
      CaptureStep.Addition added = step.before(store, request, content);
      environment = added.environment().isEmpty() ? environment : environment.with(added.environment());
      warnings.addAll(added.warnings());
    }
    RunDraft draft = new RunDraft(
        selection.mode(),
        selection.entry().map(e -> e.value()).orElse(""),
        // A copy's path is where an engine unpacked it: the run names the folder it copies.
        request.rootAs().orElse(selection.root()).toString(),
        request.params(), request.labels(), content.manifest(), content.blobs(), content.provenance(),
        environment, request.minFreeBytes());
    Committed committed = store.commit(draft);
    return new CaptureResult(committed.run(), committed.manifest(), committed.newBlobs(), committed.newBytes(), warnings,
        selection.unresolved());
  }

  private Environment reported(Map<String, String> values) {
    Map.Entry<Map<String, String>, Environment> last = lastReported;
    if (last.getKey().equals(values)) {
      return last.getValue();
    }
    Environment environment = Environment.of(values);
    lastReported = Map.entry(values, environment);
    return environment;
  }

  /** Runs the library's detectors in the calling thread, whose stack names the application. */
  static CaptureRequest withDetectedEntry(CaptureRequest request) throws IOException {
    if (request.entry().isPresent() || !request.detectEntry()) {
      return request;
    }
    Optional<EntryPoint> found =
        EntryPointDetector.firstOf(
                List.of(
                    new EnvVarDetector(System.getenv(), request.workingDir()),
                    StackWalkerDetector.inProject(request.workingDir())))
            .detect();
    return found.map(request::withEntry).orElse(request);
  }
}
