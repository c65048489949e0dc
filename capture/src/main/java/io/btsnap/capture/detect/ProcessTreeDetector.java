package io.btsnap.capture.detect;

import io.btsnap.capture.EntryPoint;
import io.btsnap.capture.EntryPointDetector;
import io.btsnap.capture.Launch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the entry point in the command line of the process that started this one (Linux
 * {@code /proc/<pid>/cmdline} and {@code cwd}). Shells and wrappers are walked through to their
 * parent; a Python interpreter gives its script (or the file of its {@code -m} module); a
 * {@code java} source-file launch gives its {@code .java} file; any other process ends the walk.
 */
public final class ProcessTreeDetector implements EntryPointDetector {
  /** Programs that only pass the command on: the walk goes on to their parent. */
  static final Set<String> WRAPPERS =
      Set.of("sh", "bash", "dash", "zsh", "ksh", "env", "timeout", "nohup", "time", "uv", "poetry", "conda", "nice", "stdbuf");

  private static final Pattern PYTHON = Pattern.compile("python(\\d+(\\.\\d+)?)?[a-z]*|pypy\\d*(\\.\\d+)?");
  private static final int MAX_DEPTH = 16;
  private static final Set<String> PYTHON_OPTIONS_WITH_VALUE = Set.of("-W", "-X", "--check-hash-based-pycs");
  private static final Set<String> JAVA_OPTIONS_WITH_VALUE =
      Set.of("-cp", "-classpath", "--class-path", "-p", "--module-path", "--upgrade-module-path", "--add-modules",
          "--add-opens", "--add-exports", "--add-reads", "--patch-module", "--limit-modules", "--source");

  private final Path proc;
  private final long startPid;

  /** Creates a detector that starts at the parent of {@code startPid}, reading {@code proc}. */
  public ProcessTreeDetector(Path proc, long startPid) {
    this.proc = proc;
    this.startPid = startPid;
  }

  /** Creates a detector for this process on this machine. */
  public static ProcessTreeDetector forThisProcess() {
    return new ProcessTreeDetector(Path.of("/proc"), ProcessHandle.current().pid());
  }

  @Override
  public Optional<EntryPoint> detect() {
    long pid = parentOf(startPid);
    for (int depth = 0; depth < MAX_DEPTH && pid > 0; depth++) {
      List<String> argv = commandLine(pid);
      if (argv.isEmpty()) {
        return Optional.empty();
      }
      String program = baseName(argv.get(0));
      Path cwd = workingDir(pid);
      if (PYTHON.matcher(program).matches()) {
        if (isPoolWorker(argv)) {
          pid = parentOf(pid); // a multiprocessing or joblib worker: its parent ran the script
          continue;
        }
        return cwd == null ? Optional.empty() : pythonEntry(pid, argv, cwd);
      }
      if (program.equals("java")) {
        return cwd == null ? Optional.empty() : javaSourceEntry(argv, cwd);
      }
      if (!WRAPPERS.contains(program)) {
        return Optional.empty();
      }
      pid = parentOf(pid);
    }
    return Optional.empty();
  }

  /**
   * Whether {@code argv} is a worker of a process pool, which runs no script of its own:
   * multiprocessing's spawn and forkserver start {@code python -c "from multiprocessing...."},
   * joblib's loky backend {@code python -m ...loky.backend.popen_loky_posix}.
   */
  static boolean isPoolWorker(List<String> argv) {
    for (int i = 1; i + 1 < argv.size(); i++) {
      String arg = argv.get(i);
      String next = argv.get(i + 1);
      if (arg.equals("-c")) {
        return next.startsWith("from multiprocessing.spawn import") || next.startsWith("from multiprocessing.forkserver import")
            || next.contains("loky.backend.popen_loky_posix");
      }
      if (arg.equals("-m")) {
        return next.endsWith("loky.backend.popen_loky_posix") || next.endsWith("loky.backend.popen_loky_win32");
      }
      if (!arg.startsWith("-")) {
        return false;
      }
    }
    return false;
  }

  private Optional<EntryPoint> pythonEntry(long pid, List<String> argv, Path cwd) {
    String program = baseName(argv.get(0));
    PythonFlags flags = new PythonFlags();
    for (int i = 1; i < argv.size(); i++) {
      String arg = argv.get(i);
      if (arg.equals("--")) {
        return i + 1 < argv.size() ? script(pid, flags, argv, argv.get(i + 1), cwd) : Optional.empty();
      }
      if (PYTHON_OPTIONS_WITH_VALUE.contains(arg)) {
        i++;
        continue;
      }
      if (arg.equals("-") || !arg.startsWith("-")) {
        return arg.equals("-") ? Optional.empty() : script(pid, flags, argv, arg, cwd);
      }
      if (arg.startsWith("--")) {
        continue;
      }
      // Short options may be combined ("-uBm pkg.mod"); c, m, W and X take a value.
      for (int k = 1; k < arg.length(); k++) {
        char option = arg.charAt(k);
        flags.note(option);
        if (option == 'c') {
          return Optional.empty();
        }
        if (option == 'm') {
          String module = k + 1 < arg.length() ? arg.substring(k + 1) : i + 1 < argv.size() ? argv.get(i + 1) : null;
          return module == null ? Optional.empty() : module(pid, flags, program, module, cwd);
        }
        if (option == 'W' || option == 'X') {
          if (k + 1 == arg.length()) {
            i++;
          }
          break;
        }
      }
    }
    return Optional.empty();
  }

  /** The options that change {@code sys.path}: -I (isolated), -P (safe path), -E (no environment). */
  private static final class PythonFlags {
    boolean safePath;
    boolean ignoreEnvironment;

    void note(char option) {
      safePath |= option == 'P' || option == 'I';
      ignoreEnvironment |= option == 'E' || option == 'I';
    }
  }

  /**
   * {@code python script.py} puts the script's folder first on the path. A script of the
   * interpreter's own (Ray's {@code default_worker.py}, the {@code dask} or {@code jupyter}
   * launcher in its {@code bin}) is an engine's worker, never project code: the walk ends there.
   */
  private Optional<EntryPoint> script(long pid, PythonFlags flags, List<String> argv, String script, Path cwd) {
    Path file = cwd.resolve(script).normalize();
    if (!Files.isRegularFile(file) || isInterpreterFile(pid, argv.get(0), cwd, file)) {
      return Optional.empty();
    }
    Launch launch = launch(pid, flags, Optional.empty(), cwd, file.getParent());
    return Optional.of(new EntryPoint(file, "parent process: " + baseName(argv.get(0)) + " " + script, Optional.of(launch)));
  }

  /**
   * Whether {@code file} belongs to the interpreter that runs it: under {@code site-packages} or
   * {@code dist-packages}, or under the {@code bin} or {@code lib} folder of its prefix, known from
   * the interpreter's path as started ({@code argv[0]}, a virtualenv's) and as run ({@code exe}).
   */
  private boolean isInterpreterFile(long pid, String program, Path cwd, Path file) {
    for (Path part : file) {
      if (part.toString().equals("site-packages") || part.toString().equals("dist-packages")) {
        return true;
      }
    }
    List<Path> interpreters = new ArrayList<>();
    if (program.contains("/")) {
      interpreters.add(cwd.resolve(program).normalize());
    }
    try {
      interpreters.add(Files.readSymbolicLink(proc.resolve(Long.toString(pid)).resolve("exe")));
    } catch (IOException | UnsupportedOperationException e) {
      // Not readable (another user's process): argv[0] alone decides.
    }
    for (Path interpreter : interpreters) {
      Path bin = interpreter.getParent();
      Path prefix = bin == null ? null : bin.getParent();
      if (bin != null && file.startsWith(bin)) {
        return true;
      }
      if (prefix != null && (file.startsWith(prefix.resolve("lib")) || file.startsWith(prefix.resolve("lib64")))) {
        return true;
      }
    }
    return false;
  }

  /** {@code python -m a.b} puts the working folder first on the path and runs a/b.py or a/b/__main__.py. */
  private Optional<EntryPoint> module(long pid, PythonFlags flags, String program, String module, Path cwd) {
    Path base = cwd.resolve(module.replace('.', '/'));
    for (Path candidate : List.of(Path.of(base + ".py"), base.resolve("__main__.py"))) {
      if (Files.isRegularFile(candidate)) {
        Launch launch = launch(pid, flags, Optional.of(module), cwd, cwd);
        return Optional.of(new EntryPoint(candidate, "parent process: " + program + " -m " + module, Optional.of(launch)));
      }
    }
    return Optional.empty();
  }

  private Launch launch(long pid, PythonFlags flags, Optional<String> module, Path cwd, Path first) {
    List<Path> pythonPath = new ArrayList<>();
    String value = flags.ignoreEnvironment ? null : environment(pid).get("PYTHONPATH");
    if (value != null) {
      for (String part : value.split(":")) {
        // An empty entry means the working folder, as in PATH.
        pythonPath.add(cwd.resolve(part).normalize());
      }
    }
    return new Launch(pid, startTime(pid), module, cwd, flags.safePath ? Optional.empty() : Optional.of(first), pythonPath);
  }

  private Map<String, String> environment(long pid) {
    Map<String, String> environment = new HashMap<>();
    for (String entry : nulSeparated(proc.resolve(Long.toString(pid)).resolve("environ"))) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        environment.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    return environment;
  }

  /**
   * Returns when {@code pid} started: the boot time of {@code /proc/stat} plus the start field of
   * {@code /proc/<pid>/stat}, in the clock ticks of USER_HZ, which Linux fixes at 100.
   */
  private Optional<Instant> startTime(long pid) {
    try {
      long bootSeconds = -1;
      for (String line : Files.readAllLines(proc.resolve("stat"), StandardCharsets.UTF_8)) {
        if (line.startsWith("btime ")) {
          bootSeconds = Long.parseLong(line.substring(6).strip());
        }
      }
      String stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[19]); // field 22 of stat, counted after the name
      return bootSeconds < 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(bootSeconds).plusMillis(ticks * 10));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<EntryPoint> javaSourceEntry(List<String> argv, Path cwd) {
    for (int i = 1; i < argv.size(); i++) {
      String arg = argv.get(i);
      if (JAVA_OPTIONS_WITH_VALUE.contains(arg)) {
        i++;
      } else if (!arg.startsWith("-")) {
        if (!arg.endsWith(".java")) {
          return Optional.empty(); // a class or a jar: not a source launch
        }
        Path file = cwd.resolve(arg).normalize();
        return Files.isRegularFile(file) ? Optional.of(new EntryPoint(file, "parent process: java " + arg)) : Optional.empty();
      } else if (arg.equals("-jar")) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private List<String> commandLine(long pid) {
    return nulSeparated(proc.resolve(Long.toString(pid)).resolve("cmdline"));
  }

  private static List<String> nulSeparated(Path file) {
    try {
      byte[] raw = Files.readAllBytes(file);
      List<String> argv = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < raw.length; i++) {
        if (raw[i] == 0) {
          argv.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
          start = i + 1;
        }
      }
      if (start < raw.length) {
        argv.add(new String(raw, start, raw.length - start, StandardCharsets.UTF_8));
      }
      return argv;
    } catch (IOException e) {
      return List.of();
    }
  }

  private Path workingDir(long pid) {
    try {
      return Files.readSymbolicLink(proc.resolve(Long.toString(pid)).resolve("cwd"));
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  /** Reads the parent pid from {@code /proc/<pid>/stat}: the field after the state, behind ")". */
  private long parentOf(long pid) {
    try {
      String stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[1]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static String baseName(String program) {
    int slash = program.lastIndexOf('/');
    return slash >= 0 ? program.substring(slash + 1) : program;
  }
}
