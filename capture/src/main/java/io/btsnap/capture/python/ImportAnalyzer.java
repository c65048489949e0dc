package io.btsnap.capture.python;

import io.btsnap.bytes.ContentMemo;
import io.btsnap.bytes.HashedBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the local Python files an entry point imports, recursively, as CPython would resolve
 * them. An entry whose folder is a package ({@code __init__.py}) runs as a module from the root,
 * so its relative imports work and its packages' {@code __init__.py} files run; any other entry
 * runs as a script, with its own folder first on the path and the root after it. Files outside
 * the root (the standard library, site-packages) are never included. Problems are reported in
 * the result, never thrown.
 */
public final class ImportAnalyzer {
  /** The import statements of each file content seen by this process. */
  private static final ContentMemo<List<ImportStatement>> SCANNED = new ContentMemo<>(4096);

  private static final String ARROW = " → ";

  private final Path root;
  private final Map<Path, byte[]> generated;
  private final RealPaths realPaths;

  /** Creates an analyzer for the project at {@code root}, a real path. */
  public ImportAnalyzer(Path root) {
    this(root, Map.of());
  }

  /**
   * Creates an analyzer for the project at {@code root}, a real path, that reads the files of
   * {@code generated} (by real path: a notebook's cells, say) from their given content, not the disk.
   */
  public ImportAnalyzer(Path root, Map<Path, byte[]> generated) {
    this.root = root;
    this.generated = Map.copyOf(generated);
    this.realPaths = new RealPaths(root);
  }

  private record Pending(Path file, String packageName, String chain) {}

  /**
   * Analyzes the imports of {@code entry}, a real path under the root, not knowing how it was
   * run: an entry in a package folder as a module run from the root, any other as a script with
   * its folder, then the root, on the path.
   */
  public ImportGraph analyze(Path entry) throws IOException {
    boolean inPackage = Files.isRegularFile(entry.getParent().resolve("__init__.py")) && !entry.getParent().equals(root);
    if (inPackage) {
      return analyze(entry, Optional.of(moduleNameOf(entry)), List.of(root));
    }
    return analyze(entry, Optional.empty(),
        entry.getParent().equals(root) ? List.of(root) : List.of(entry.getParent(), root));
  }

  /**
   * Analyzes the imports of {@code entry}, a real path under the root, run as Python ran it: as
   * {@code module} (for {@code -m}) or as a script, with {@code searchPath} as the local part of
   * {@code sys.path}, in order.
   */
  public ImportGraph analyze(Path entry, Optional<String> module, List<Path> searchPath) throws IOException {
    Map<Path, String> files = new LinkedHashMap<>();
    List<UnresolvedImport> unresolved = new ArrayList<>();
    Deque<Pending> queue = new ArrayDeque<>();
    Map<Path, HashedBytes> read = new HashMap<>();

    String entryName = relative(entry);
    files.put(entry, "entry point");
    ModuleResolver resolver = new ModuleResolver(root, searchPath);
    if (module.isPresent()) {
      // "python -m pkg" runs pkg/__main__.py as pkg.__main__.
      String name = entry.getFileName().toString().equals("__main__.py") && !module.get().endsWith(".__main__")
          ? module.get() + ".__main__"
          : module.get();
      int dot = name.lastIndexOf('.');
      String packageName = dot < 0 ? "" : name.substring(0, dot);
      if (!packageName.isEmpty()) {
        // Running "python -m a.b.main" first imports a and a.b, running their __init__ files.
        for (PythonModule m : resolver.resolve(packageName).executed()) {
          addModule(m, entryName, files, queue);
        }
      }
      queue.addFirst(new Pending(entry, packageName, entryName));
    } else {
      queue.addFirst(new Pending(entry, null, entryName));
    }

    while (!queue.isEmpty()) {
      Pending current = queue.removeFirst();
      byte[] given = generated.get(current.file());
      HashedBytes bytes = given != null ? HashedBytes.of(given) : HashedBytes.read(current.file());
      if (given == null) {
        read.put(current.file(), bytes);
      }
      List<ImportStatement> statements = SCANNED.get(bytes, b -> List.copyOf(ImportScanner.scan(PythonSource.decode(b))));
      for (ImportStatement statement : statements) {
        follow(statement, current, resolver, files, queue, unresolved);
      }
    }
    return new ImportGraph(files, unresolved, read);
  }

  private void follow(
      ImportStatement statement,
      Pending from,
      ModuleResolver resolver,
      Map<Path, String> files,
      Deque<Pending> queue,
      List<UnresolvedImport> unresolved) {
    String target;
    if (statement.level() == 0) {
      target = statement.module();
    } else {
      if (from.packageName() == null) {
        unresolved.add(unresolved(from, statement, "relative import in a file run as a script"));
        return;
      }
      String[] parts = from.packageName().isEmpty() ? new String[0] : from.packageName().split("\\.");
      int keep = parts.length - (statement.level() - 1);
      if (keep <= 0) {
        unresolved.add(unresolved(from, statement, "relative import beyond the top-level package"));
        return;
      }
      String base = String.join(".", java.util.Arrays.copyOf(parts, keep));
      target = statement.module().isEmpty() ? base : base + "." + statement.module();
    }
    ModuleResolver.Resolution resolution = resolver.resolve(target);
    for (PythonModule m : resolution.executed()) {
      addModule(m, from.chain(), files, queue);
    }
    if (!resolution.complete()) {
      if (resolution.topIsLocal() || statement.level() > 0) {
        unresolved.add(unresolved(from, statement, "no module " + target + " under the project root"));
      }
      return;
    }
    PythonModule imported = resolution.last();
    for (String name : statement.names()) {
      if (!name.equals("*")) {
        // "from pkg import name" imports pkg.name when it is a submodule; when it is only an
        // attribute of pkg there is no file, and nothing to report.
        resolver.submodule(imported, name).ifPresent(m -> addModule(m, from.chain(), files, queue));
      }
    }
  }

  private void addModule(PythonModule module, String chain, Map<Path, String> files, Deque<Pending> queue) {
    if (module.file() == null) {
      return; // a namespace package has no code of its own
    }
    Path file = realPath(module.file());
    if (files.containsKey(file)) {
      return;
    }
    String newChain = chain + ARROW + relative(file);
    files.put(file, newChain);
    String pkg =
        module.isPackage() ? module.name() : module.name().contains(".") ? module.name().substring(0, module.name().lastIndexOf('.')) : "";
    queue.addLast(new Pending(file, pkg, newChain));
  }

  private UnresolvedImport unresolved(Pending from, ImportStatement statement, String why) {
    return new UnresolvedImport(relative(from.file()), statement.line(), statement.text(), why);
  }

  private String moduleNameOf(Path entry) {
    String rel = relative(entry);
    return rel.substring(0, rel.length() - (rel.endsWith(".py") ? 3 : 0)).replace('/', '.');
  }

  private String relative(Path file) {
    return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
  }

  private Path realPath(Path file) {
    try {
      return realPaths.of(file);
    } catch (IOException e) {
      return file.toAbsolutePath().normalize();
    }
  }
}
