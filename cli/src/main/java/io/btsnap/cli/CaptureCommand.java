package io.btsnap.cli;

import io.btsnap.bytes.ByteSizes;
import io.btsnap.capture.EntryPoint;
import io.btsnap.capture.EntryPointDetector;
import io.btsnap.capture.FileSelection;
import io.btsnap.capture.GitState;
import io.btsnap.capture.SelectedFile;
import io.btsnap.capture.detect.DriverRecordDetector;
import io.btsnap.capture.detect.EnvVarDetector;
import io.btsnap.capture.detect.ProcessTreeDetector;
import io.btsnap.capture.pipeline.CaptureContent;
import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.capture.pipeline.CaptureResult;
import io.btsnap.capture.python.UnresolvedImport;
import io.btsnap.cli.convert.SizeConverter;
import io.btsnap.cli.options.JsonOption;
import io.btsnap.json.Json;
import io.btsnap.serve.ServiceCapture;
import io.btsnap.store.Store;
import io.btsnap.store.model.CaptureMode;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.Run;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** Stores the code of one backtest as a new run and prints its id. */
@Command(
    name = "capture",
    description = {
      "Store the strategy's code as a new run, with its parameters; print the run id.",
      "Without ENTRY, the main file is $BTSNAP_ENTRY, else the script of the Python (or java source)"
          + " process that runs btsnap, else strategy.yaml alone says what to take."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  btsnap capture rsi_bb_strategy.py -p rsi_period=14 -p bb_std=2.0",
      "  btsnap capture rsi_bb_strategy.py --mode imports --dry-run --explain",
      "  btsnap capture rsi_bb_strategy.py --mode imports --sweep rsi_grid -p rsi_period=14",
      "  subprocess.run([\"btsnap\", \"capture\", \"-p\", f\"rsi_period={p}\"])   # from a Python harness"
    })
final class CaptureCommand implements Callable<Integer> {
  /** The default of --min-free. */
  static final String DEFAULT_MIN_FREE = CaptureRequest.DEFAULT_MIN_FREE;
  /** The default of --max-file-size. */
  static final String DEFAULT_MAX_FILE_SIZE = CaptureRequest.DEFAULT_MAX_FILE_SIZE;
  /** The default of --max-files. */
  static final String DEFAULT_MAX_FILES = "" + CaptureRequest.DEFAULT_MAX_FILES;

  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Parameters(index = "0", arity = "0..1", paramLabel = "ENTRY", description = "The strategy's main file (default: detected).")
  Path entry;

  @Option(
      names = {"-p", "--param"},
      paramLabel = "KEY=VALUE",
      description = "A parameter of this backtest (repeatable, order kept; each KEY once).")
  List<String> params = new ArrayList<>();

  @Option(
      names = {"-l", "--label"},
      paramLabel = "KEY=VALUE",
      description = "A label to find the run by later (repeatable; each KEY once).")
  List<String> labels = new ArrayList<>();

  @Option(names = "--sweep", paramLabel = "NAME",
      description = "The parameter search this run belongs to (the label sweep=NAME); a capture whose code differs"
          + " from the sweep's previous run warns.")
  String sweep;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      converter = ModeConverter.class,
      description = "entry (the main file), imports (and every local module it imports) or files (strategy.yaml);"
          + " loaded and imports+loaded through the Python client."
          + " Default: files when a strategy.yaml is found, else entry.")
  CaptureMode mode;

  @Option(names = "--config", paramLabel = "FILE", description = "The strategy.yaml to use (default: beside ENTRY, else at the root).")
  Path config;

  @Option(names = "--root", paramLabel = "DIR", description = "The project root (default: strategy.yaml's folder, else found from ENTRY).")
  Path root;

  @Option(names = "--min-free", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = DEFAULT_MIN_FREE,
      description = "Refuse the capture, before writing anything, if it would leave less free disk than this"
          + " (default: ${DEFAULT-VALUE}).")
  long minFree;

  @Option(names = "--max-file-size", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = DEFAULT_MAX_FILE_SIZE,
      description = "Fail, naming the file, when a selected file is larger than this (default: ${DEFAULT-VALUE});"
          + " a file listed exactly in strategy.yaml is taken whatever its size.")
  long maxFileSize;

  @Option(names = "--max-files", paramLabel = "N", defaultValue = DEFAULT_MAX_FILES,
      description = "Fail when strategy.yaml's globs select more files than this (default: ${DEFAULT-VALUE}).")
  int maxFiles;

  @Option(names = "--push", paramLabel = "REMOTE", description = "Push the run to this remote right after the capture.")
  String push;

  @Option(names = "--dry-run", description = "Print what would be captured; store nothing.")
  boolean dryRun;

  @Option(names = "--explain", description = "Tell why each file is taken (on stderr when capturing).")
  boolean explain;

  @Override
  public Integer call() throws Exception {
    KeyValues.checked(spec, "--param", params);
    KeyValues.checked(spec, "--label", labels);
    return execute(BtsnapCommand.of(spec), spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  /** Runs the capture the options describe, however they were parsed. */
  int execute(BtsnapCommand app, PrintWriter out, PrintWriter err) throws IOException {
    CaptureRequest request = request(app);
    // Selecting first means a bad request fails before any store is created or opened.
    FileSelection selection = CapturePipeline.select(request);
    warn(selection, err);
    // Read before the store is open: in a new process, the store opens meanwhile on another
    // thread. A dry run reads too, so it refuses what the capture would (a secret, a giant).
    CaptureContent content = CapturePipeline.read(request, selection);
    content.warnings().forEach(w -> err.println("btsnap: warning: " + w));
    if (dryRun) {
      printSelection(selection, out);
      return 0;
    }
    // git status runs while the store opens; the capture then finds its answer.
    GitState.prefetch(selection.root(), content.manifest().entries().stream().map(e -> e.path().value()).toList(),
        content.manifest().id().hex());
    try (Store store = app.openOrCreateStore()) {
      CaptureResult result = CapturePipeline.standard(store).commit(request, content);
      // What only the store could tell (the sweep's code moved) was not printed above.
      result.warnings().stream()
          .filter(w -> !selection.warnings().contains(w) && !content.warnings().contains(w))
          .forEach(w -> err.println("btsnap: warning: " + w));
      if (explain) {
        printExplanation(result, err);
      }
      if (json.enabled()) {
        out.println(Json.write(result.toJson()));
      } else {
        out.println(result.run().id().value());
      }
      out.flush();
      if (push != null) {
        // The run is stored whatever happens to the push; a failure says so and exits 1.
        io.btsnap.cli.remote.CapturePush.push(store, result.run(), push, app.environment());
      }
    }
    return 0;
  }

  private CaptureRequest request(BtsnapCommand app) throws IOException {
    Path cwd = Path.of("").toAbsolutePath();
    Map<String, String> labelMap = labels();
    CaptureRequest request = CaptureRequest.withoutEntry().withWorkingDir(cwd)
        .withParams(KeyValues.parse("--param", params))
        .withLabels(labelMap)
        .withMinFreeBytes(minFree)
        .withMaxFileBytes(maxFileSize)
        .withMaxFiles(maxFiles);
    Optional<EntryPoint> found = entryPoint(app, cwd);
    if (found.isPresent()) {
      request = request.withEntry(found.get());
    }
    if (mode != null) {
      request = request.withMode(mode);
    }
    if (config != null) {
      request = request.withConfig(config);
    }
    if (root != null) {
      request = request.withRoot(root);
    }
    return request;
  }

  /** The labels given, with {@code --sweep}'s as the sweep label; refuses the two disagreeing. */
  Map<String, String> labels() {
    Map<String, String> labelMap = new LinkedHashMap<>(KeyValues.parse("--label", labels));
    if (sweep != null) {
      String given = labelMap.get(Run.SWEEP_LABEL);
      if (sweep.isBlank() || given != null && !given.equals(sweep)) {
        throw new IllegalArgumentException("--sweep " + sweep + " and the label sweep=" + given + " disagree");
      }
      labelMap.put(Run.SWEEP_LABEL, sweep);
    }
    return labelMap;
  }

  /** The entry named on the command line, else the one detection finds. */
  private Optional<EntryPoint> entryPoint(BtsnapCommand app, Path cwd) throws IOException {
    if (entry != null) {
      return Optional.of(EntryPoint.given(entry));
    }
    return EntryPointDetector.firstOf(List.of(
            new EnvVarDetector(app.environment(), cwd), ProcessTreeDetector.forThisProcess(),
            new DriverRecordDetector(app.environment(),
                ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(ProcessHandle.current().pid()))))
        .detect();
  }

  /**
   * Captures through the store's warm service when one of this build runs, printing what a
   * capture here would print; empty when the command must capture itself (no service, a dry run,
   * an explanation or a push asked for, a capture too large for the service).
   */
  Optional<Integer> throughService(BtsnapCommand app, PrintWriter out, PrintWriter err) throws IOException {
    if (dryRun || explain || push != null) {
      return Optional.empty();
    }
    Path cwd = Path.of("").toAbsolutePath();
    Optional<Map<String, Object>> request = ForwardedCapture.request(this, cwd, entryPoint(app, cwd));
    if (request.isEmpty()) {
      return Optional.empty();
    }
    Optional<Map<String, Object>> reply = ServiceCapture.send(app.storeDir(), app.environment(), request.get());
    return reply.flatMap(r -> ForwardedCapture.print(r, json.enabled(), out, err));
  }

  private static void warn(FileSelection selection, PrintWriter err) {
    selection.warnings().forEach(w -> err.println("btsnap: warning: " + w));
    selection.unresolved().forEach(u -> err.println("btsnap: warning: unresolved import " + u.describe()));
  }

  private void printSelection(FileSelection selection, PrintWriter out) throws IOException {
    if (json.enabled()) {
      Map<String, Object> object = new LinkedHashMap<>();
      object.put("dryRun", true);
      object.put("mode", selection.mode().spelling());
      object.put("entry", selection.entry().map(e -> e.value()).orElse(null));
      object.put("root", selection.root().toString());
      List<Object> files = new ArrayList<>();
      for (SelectedFile f : selection.files()) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("path", f.path().value());
        file.put("size", Files.size(f.source()));
        file.put("reason", f.reason());
        files.add(file);
      }
      object.put("files", files);
      object.put("warnings", selection.warnings());
      object.put("unresolved", selection.unresolved().stream().map(UnresolvedImport::describe).toList());
      out.println(Json.write(object));
      return;
    }
    long bytes = 0;
    for (SelectedFile f : selection.files()) {
      bytes += Files.size(f.source());
    }
    out.printf(
        "would capture %d file%s (%s) in %s mode from %s%n",
        selection.files().size(), selection.files().size() == 1 ? "" : "s", ByteSizes.human(bytes),
        selection.mode().spelling(), selection.root());
    int width = selection.files().stream().mapToInt(f -> f.path().value().length()).max().orElse(0);
    for (SelectedFile f : selection.files()) {
      out.println(explain ? String.format("  %-" + width + "s  %s", f.path(), f.reason()) : "  " + f.path());
    }
  }

  private static void printExplanation(CaptureResult result, PrintWriter err) {
    int width = result.manifest().entries().stream().mapToInt(e -> e.path().value().length()).max().orElse(0);
    Map<String, String> reasons = result.run().provenance().reasons();
    err.printf("captured %d files in %s mode from %s%n", result.manifest().entries().size(), result.run().mode().spelling(), result.run().root());
    for (ManifestEntry e : result.manifest().entries()) {
      err.printf("  %-" + width + "s  %s%n", e.path(), reasons.getOrDefault(e.path().value(), ""));
    }
  }

  /** Converts the spelling of a mode, listing the valid ones on error. */
  static final class ModeConverter implements ITypeConverter<CaptureMode> {
    @Override
    public CaptureMode convert(String value) {
      CaptureMode mode;
      try {
        mode = CaptureMode.fromSpelling(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
      if (mode.takesLoaded()) {
        // Only the process that ran the backtest knows what it loaded.
        throw new TypeConversionException("mode " + value + " needs the modules the running Python process loaded:"
            + " use the Python client, btsnap.capture(mode=\"" + value + "\")");
      }
      return mode;
    }
  }
}
