package io.btsnap.capture;

import io.btsnap.store.model.RelativePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a selection that walks folders skips: what git would ignore ({@code .gitignore} at every
 * level of the work tree, {@code .git/info/exclude}), what {@code .btsnapignore} files (same
 * syntax) list, and folders that never hold strategy code: virtualenvs (a {@code pyvenv.cfg}),
 * {@code site-packages}, {@code __pycache__}, {@code .git}, {@code node_modules}.
 *
 * <p>Precedence is git's: the last matching pattern decides; {@code info/exclude} comes first,
 * then each folder's files from the top down ({@code .gitignore}, then {@code .btsnapignore}),
 * so deeper files override higher ones. A path under an ignored folder is ignored, whatever a
 * negation says, as in git. The user's global excludes file is not read: it differs from
 * machine to machine, and a capture should select the same files everywhere.
 */
final class IgnoreRules {
  /** The file that makes a folder a virtualenv. */
  static final String VIRTUALENV_MARKER = "pyvenv.cfg";
  private static final List<String> RULE_FILES = List.of(".gitignore", ".btsnapignore");

  private final Path root;
  private final Path top;
  /** The root's path from the top of the work tree, with a trailing slash; "" when they are one. */
  private final String rootFromTop;
  private final List<IgnorePattern> exclude;
  private final Map<String, List<IgnorePattern>> byFolder = new HashMap<>();
  private final Map<String, Optional<String>> folderVerdicts = new HashMap<>();

  private IgnoreRules(Path root, Path top, List<IgnorePattern> exclude) {
    this.root = root;
    this.top = top;
    this.rootFromTop = top.equals(root) ? "" : RelativePath.between(top, root).value() + "/";
    this.exclude = exclude;
  }

  /** The rules of the project at {@code root} (a real path), within its git work tree if any. */
  static IgnoreRules forRoot(Path root) {
    Path top = root;
    for (Path dir = root; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".git"))) {
        top = dir;
        break;
      }
    }
    Path info = top.resolve(".git/info/exclude");
    List<IgnorePattern> exclude = Files.isRegularFile(info) ? read(info, "", ".git/info/exclude") : List.of();
    return new IgnoreRules(root, top, exclude);
  }

  /**
   * Returns why {@code path} (a path under the root, not following links) is skipped, as {@code
   * .gitignore:3 (*.log)} or {@code a virtualenv}; empty when a walk takes it.
   */
  Optional<String> ignoredBy(RelativePath path, boolean folder) {
    String[] parts = path.value().split("/");
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      prefix.append(i == 0 ? "" : "/").append(parts[i]);
      Optional<String> verdict = folderVerdict(prefix.toString());
      if (verdict.isPresent()) {
        return verdict;
      }
    }
    return folder ? folderVerdict(path.value()) : verdict(path.value(), false);
  }

  /**
   * Returns why {@code path} lies in a folder that never holds the project's own code (a
   * virtualenv, {@code site-packages}, ...), whatever the ignore files say; empty otherwise.
   */
  Optional<String> inForeignFolder(RelativePath path) {
    String value = path.value();
    for (int slash = value.indexOf('/'); slash >= 0; slash = value.indexOf('/', slash + 1)) {
      Optional<String> skipped = alwaysSkipped(value.substring(0, slash));
      if (skipped.isPresent()) {
        return skipped;
      }
    }
    return Optional.empty();
  }

  private Optional<String> folderVerdict(String folder) {
    Optional<String> cached = folderVerdicts.get(folder);
    if (cached == null) {
      cached = alwaysSkipped(folder).or(() -> verdict(folder, true));
      folderVerdicts.put(folder, cached);
    }
    return cached;
  }

  private Optional<String> alwaysSkipped(String folder) {
    String name = folder.substring(folder.lastIndexOf('/') + 1);
    if (RelativePath.NEVER_CODE.contains(name)) {
      return Optional.of("always skipped (" + name + ")");
    }
    if (Files.isRegularFile(root.resolve(folder).resolve(VIRTUALENV_MARKER))) {
      return Optional.of("a virtualenv (" + VIRTUALENV_MARKER + ")");
    }
    return Optional.empty();
  }

  /** Applies every pattern that can see {@code rootPath}, lowest precedence first; the last match decides. */
  private Optional<String> verdict(String rootPath, boolean folder) {
    String fromTop = rootFromTop + rootPath;
    IgnorePattern last = null;
    for (IgnorePattern p : exclude) {
      last = p.matches(fromTop, folder) ? p : last;
    }
    int slash = -1;
    do {
      String dir = slash < 0 ? "" : fromTop.substring(0, slash);
      for (IgnorePattern p : patternsOf(dir)) {
        last = p.matches(fromTop, folder) ? p : last;
      }
      slash = fromTop.indexOf('/', slash + 1);
    } while (slash >= 0);
    return last == null || last.negated() ? Optional.empty() : Optional.of(last.source());
  }

  private List<IgnorePattern> patternsOf(String dirFromTop) {
    return byFolder.computeIfAbsent(dirFromTop, dir -> {
      List<IgnorePattern> patterns = new ArrayList<>();
      for (String name : RULE_FILES) {
        Path file = (dir.isEmpty() ? top : top.resolve(dir)).resolve(name);
        if (Files.isRegularFile(file)) {
          patterns.addAll(read(file, dir, dir.isEmpty() ? name : dir + "/" + name));
        }
      }
      return patterns;
    });
  }

  private static List<IgnorePattern> read(Path file, String base, String shownAs) {
    List<IgnorePattern> patterns = new ArrayList<>();
    try {
      // Decoded leniently: git reads bytes, and a stray byte must not drop the whole file.
      List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        IgnorePattern.parse(lines.get(i), base, shownAs + ":" + (i + 1)).ifPresent(patterns::add);
      }
    } catch (IOException e) {
      // An unreadable ignore file ignores nothing, as far as btsnap can tell.
    }
    return patterns;
  }
}
