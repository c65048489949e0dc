package io.btsnap.capture;

import io.btsnap.capture.SelectionException;
import io.btsnap.store.model.RelativePath;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a {@link StrategyFile} lists, expanded under the project root. A listed path must
 * exist, be a regular file and stay inside the root (also through symlinks); a glob that matches
 * nothing is a warning. Globs skip what {@link IgnoreRules} skips; a path listed exactly is taken
 * even so, the reason saying which rule it overrides.
 */
final class StrategyFiles {
  private final StrategyFile strategy;
  private final Path root;
  private final List<Glob> excludes = new ArrayList<>();
  private final IgnoreRules ignored;
  private List<RelativePath> allFiles;

  StrategyFiles(StrategyFile strategy, Path root) throws SelectionException {
    this.strategy = strategy;
    this.root = root;
    this.ignored = IgnoreRules.forRoot(root);
    for (StrategyFile.Item item : strategy.excludes()) {
      checkPattern(item);
      excludes.add(Glob.of(item.text()));
    }
  }

  List<SelectedFile> files(List<String> warnings) throws IOException {
    List<SelectedFile> selected = new ArrayList<>();
    for (StrategyFile.Item item : strategy.files()) {
      checkPattern(item);
      String reason = "listed in " + StrategyFile.NAME + ":" + item.line();
      if (!Glob.hasWildcard(item.text())) {
        RelativePath path = RelativePath.of(item.text());
        Path file = FileSelector.existingFile(path.resolveAgainst(root), where(item) + "listed file");
        FileSelector.inside(root, path.resolveAgainst(root), file, where(item) + "listed file");
        String note = ignored.ignoredBy(path, false).map(rule -> "; listed exactly, so taken though " + rule + " skips it")
            .orElse("");
        selected.add(new SelectedFile(path, file, reason + note, SelectedFile.Origin.LISTED));
        continue;
      }
      Glob glob = Glob.of(item.text());
      int before = selected.size();
      for (RelativePath path : allFiles()) {
        if (glob.matches(path)) {
          Path file = path.resolveAgainst(root).toRealPath();
          FileSelector.inside(root, path.resolveAgainst(root), file, where(item) + "matched file");
          selected.add(new SelectedFile(path, file, reason + " (" + item.text() + ")", SelectedFile.Origin.MATCHED));
        }
      }
      if (selected.size() == before) {
        warnings.add(where(item) + "'" + item.text() + "' matches no file");
      }
    }
    return selected;
  }

  boolean isExcluded(RelativePath path) {
    for (Glob glob : excludes) {
      if (glob.matches(path)) {
        return true;
      }
    }
    return false;
  }

  private String where(StrategyFile.Item item) {
    return strategy.file() + ":" + item.line() + ": ";
  }

  private void checkPattern(StrategyFile.Item item) throws SelectionException {
    String text = item.text();
    if (text.startsWith("/")) {
      throw new SelectionException(where(item) + "absolute path '" + text + "': list paths relative to " + root);
    }
    String problem = RelativePath.problem(text);
    if (problem != null) {
      String why = text.equals("..") || text.startsWith("../") || text.contains("/../") || text.endsWith("/..")
          ? "leaves the project root" : problem;
      throw new SelectionException(where(item) + "path '" + text + "' " + why);
    }
  }

  private List<RelativePath> allFiles() throws IOException {
    if (allFiles == null) {
      List<RelativePath> found = new ArrayList<>();
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          boolean skip = !dir.equals(root) && ignored.ignoredBy(RelativePath.between(root, dir), true).isPresent();
          return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile() || (attrs.isSymbolicLink() && Files.isRegularFile(file))) {
            RelativePath path = RelativePath.between(root, file);
            if (ignored.ignoredBy(path, false).isEmpty()) {
              found.add(path);
            }
          }
          return FileVisitResult.CONTINUE;
        }
      });
      found.sort(null);
      allFiles = found;
    }
    return allFiles;
  }
}
