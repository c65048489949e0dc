package io.btsnap.capture;

import io.btsnap.capture.python.ImportAnalyzer;
import io.btsnap.capture.python.ImportGraph;
import io.btsnap.capture.python.UnresolvedImport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns a capture request into the list of files to take: the entry alone, the entry and its
 * imports, or the files a {@code strategy.yaml} lists. Finds the strategy file and the project
 * root, and refuses anything outside the root.
 */
public final class FileSelector {

  /** Selects the files for {@code request}, whose entry (if any) is already detected. */
  public FileSelection select(SelectionRequest request) throws IOException {
    Optional<EntryPoint> entryPoint = request.entry();
    Optional<Launch> launch = entryPoint.flatMap(EntryPoint::launch);
    Optional<Path> entryFile = entryPoint.isPresent()
        ? Optional.of(existingFile(request.workingDir().resolve(entryPoint.get().file()), "entry"))
        : Optional.empty();
    Optional<Path> explicitRoot = request.root().map(r -> request.workingDir().resolve(r));
    // "python -m pkg.mod" imports from its working folder: that folder is the project's top,
    // whatever project holds it (a restored copy inside the original, say).
    Optional<Path> moduleTop = launch.filter(l -> l.module().isPresent()).map(l -> realFolder(l.workingDir()));
    Optional<Path> strategyPath = findStrategyFile(request, entryFile, explicitRoot.or(() -> moduleTop));
    Optional<StrategyFile> strategy = strategyPath.isPresent() ? Optional.of(StrategyFile.read(strategyPath.get())) : Optional.empty();

    Path root;
    if (explicitRoot.isPresent()) {
      root = ProjectRoot.explicit(explicitRoot.get());
    } else if (strategyPath.isPresent()) {
      root = strategyPath.get().toAbsolutePath().getParent().toRealPath();
    } else if (moduleTop.isPresent() && entryFile.isPresent() && entryFile.get().startsWith(moduleTop.get())) {
      root = moduleTop.get();
    } else if (entryFile.isPresent()) {
      root = ProjectRoot.around(entryFile.get());
    } else {
      throw new SelectionException(EntryPointDetector.NOT_DETECTED);
    }

    CaptureMode mode = request.mode().or(() -> strategy.flatMap(StrategyFile::mode))
        .orElse(strategy.isPresent() ? CaptureMode.FILES : CaptureMode.ENTRY);
    if (mode != CaptureMode.FILES && entryFile.isEmpty()) {
      throw new SelectionException(EntryPointDetector.NOT_DETECTED);
    }
    if (mode == CaptureMode.FILES && strategy.isEmpty()) {
      throw new SelectionException("mode files needs a strategy.yaml: none beside the entry or at the root " + root);
    }

    Map<RelativePath, SelectedFile> files = new TreeMap<>();
    List<String> warnings = new ArrayList<>();
    List<UnresolvedImport> unresolved = new ArrayList<>();
    Optional<RelativePath> entryPath = Optional.empty();
    if (entryFile.isPresent()) {
      Path given = request.workingDir().resolve(entryPoint.get().file());
      entryPath = Optional.of(inside(root, given, entryFile.get(), "entry"));
    }
    String entryReason = entryPoint.map(e -> "entry point (" + e.how() + ")").orElse("entry point");

    if (mode != CaptureMode.FILES) {
      files.put(entryPath.get(), new SelectedFile(entryPath.get(), entryFile.get(), entryReason, SelectedFile.Origin.ENTRY));
    }
    if (mode.followsImports()) {
      ImportAnalyzer analyzer = new ImportAnalyzer(root);
      ImportGraph graph = launch.isPresent()
          ? analyzer.analyze(entryFile.get(), launch.get().module(), searchPath(launch.get(), root))
          : analyzer.analyze(entryFile.get());
      for (Map.Entry<Path, String> f : graph.files().entrySet()) {
        RelativePath path = RelativePath.between(root, f.getKey());
        files.putIfAbsent(path, new SelectedFile(path, f.getKey(), "imported: " + f.getValue(), SelectedFile.Origin.IMPORTED));
      }
      unresolved.addAll(graph.unresolved());
    }
    if (mode.takesLoaded()) {
      addLoaded(request.loaded(), root, files);
    }
    if (strategy.isPresent() && mode != CaptureMode.ENTRY) {
      StrategyFiles listed = new StrategyFiles(strategy.get(), root);
      List<SelectedFile> fromStrategy = listed.files(warnings);
      long matched = fromStrategy.stream().filter(f -> f.origin() == SelectedFile.Origin.MATCHED).count();
      if (matched > request.maxFiles()) {
        throw new SelectionException(String.format("%s: its globs select %,d files, over the limit of %,d (--max-files):"
            + " exclude what is not code (exclude:, .btsnapignore) or raise --max-files", strategyPath.get(), matched,
            request.maxFiles()));
      }
      for (SelectedFile f : fromStrategy) {
        files.putIfAbsent(f.path(), f);
      }
      Optional<RelativePath> keep = mode == CaptureMode.FILES ? Optional.empty() : entryPath;
      files.keySet().removeIf(p -> !p.equals(keep.orElse(null)) && listed.isExcluded(p));
    }
    if (files.isEmpty()) {
      throw new SelectionException(strategyPath.map(Path::toString).orElse("selection") + ": selects no file");
    }
    launch.ifPresent(l -> warnings.addAll(ChangedSinceStart.check(l, files.values())));
    Optional<RelativePath> entry = entryPath.filter(files::containsKey);
    return new FileSelection(mode, root, entry, new ArrayList<>(files.values()), warnings, unresolved);
  }

  /**
   * Adds the module files the process loaded from under the root: what ran, dynamic imports and
   * plugins included. A virtualenv or {@code site-packages} inside the root holds installed
   * libraries, not the project's code; files elsewhere are the interpreter's.
   */
  private static void addLoaded(Map<Path, String> loaded, Path root, Map<RelativePath, SelectedFile> files) {
    IgnoreRules rules = IgnoreRules.forRoot(root);
    for (Map.Entry<Path, String> module : new TreeMap<>(loaded).entrySet()) {
      Path real;
      try {
        real = module.getKey().toRealPath();
      } catch (IOException e) {
        continue; // gone since it was loaded, or never a file (a zip import)
      }
      if (!real.startsWith(root) || real.equals(root) || !Files.isRegularFile(real)) {
        continue;
      }
      RelativePath path;
      try {
        path = RelativePath.between(root, real);
      } catch (IllegalArgumentException e) {
        continue; // a name a manifest cannot hold; import analysis reports such files
      }
      if (rules.inForeignFolder(path).isEmpty()) {
        files.putIfAbsent(path, new SelectedFile(path, real, "loaded: module " + module.getValue(), SelectedFile.Origin.IMPORTED));
      }
    }
  }

  /**
   * The folders Python searched, under the root. A script's imports may also come from the root
   * through a path btsnap can't see (an editable install, a {@code .pth} file), so it is searched
   * last; a module run found nothing there that its working folder did not hold.
   */
  private static List<Path> searchPath(Launch launch, Path root) {
    List<Path> path = new ArrayList<>();
    for (Path p : launch.searchPath()) {
      Path real = realFolder(p);
      if (real.startsWith(root) && !path.contains(real)) {
        path.add(real);
      }
    }
    if (launch.module().isEmpty() && !path.contains(root)) {
      path.add(root);
    }
    return path;
  }

  private static Path realFolder(Path folder) {
    try {
      return folder.toRealPath();
    } catch (IOException e) {
      return folder.toAbsolutePath().normalize();
    }
  }

  private static Optional<Path> findStrategyFile(SelectionRequest request, Optional<Path> entryFile, Optional<Path> knownTop)
      throws IOException {
    if (request.config().isPresent()) {
      Path config = request.workingDir().resolve(request.config().get());
      if (!Files.isRegularFile(config)) {
        throw new SelectionException("config file not found: " + request.config().get());
      }
      return Optional.of(config);
    }
    if (entryFile.isPresent()) {
      Path beside = entryFile.get().getParent().resolve(StrategyFile.NAME);
      if (Files.isRegularFile(beside)) {
        return Optional.of(beside);
      }
    }
    Path start = entryFile.orElse(request.workingDir().resolve(StrategyFile.NAME));
    Path root = knownTop.isPresent() ? knownTop.get() : ProjectRoot.around(start);
    Path atRoot = root.resolve(StrategyFile.NAME);
    return Files.isRegularFile(atRoot) ? Optional.of(atRoot) : Optional.empty();
  }

  /** Returns the real path of {@code file}, refusing what is missing or not a regular file. */
  static Path existingFile(Path file, String role) throws IOException {
    Path real;
    try {
      real = file.toRealPath();
    } catch (NoSuchFileException e) {
      throw new SelectionException(role + " not found: " + file);
    }
    if (Files.isDirectory(real)) {
      throw new SelectionException(role + " is a directory, not a file: " + file);
    }
    if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
      throw new SelectionException(role + " is not a regular file: " + file);
    }
    if (!Files.isReadable(real)) {
      throw new SelectionException(role + " is not readable: " + file);
    }
    return real;
  }

  /**
   * Returns the manifest path of {@code given} (real path {@code real}) under {@code root},
   * refusing a file that is outside the root by its path or through a symlink.
   */
  static RelativePath inside(Path root, Path given, Path real, String role) throws SelectionException {
    if (!real.startsWith(root) || real.equals(root)) {
      throw new SelectionException(role + " " + given + " is outside the project root " + root);
    }
    // Keep the name the user sees (a link inside the root stays a link's name); fall back to
    // the resolved path when the given path does not lexically sit under the root.
    Path lexical = given.toAbsolutePath().normalize();
    Path base = lexical.startsWith(root) ? lexical : real;
    try {
      return RelativePath.between(root, base);
    } catch (IllegalArgumentException e) {
      throw new SelectionException(role + " " + given + ": " + e.getMessage());
    }
  }
}
