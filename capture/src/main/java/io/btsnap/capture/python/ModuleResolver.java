package io.btsnap.capture.python;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds modules the way CPython's path finder does, restricted to folders under the project
 * root: in each search folder, a package ({@code name/__init__.py}) before a module ({@code
 * name.py}); a folder without {@code __init__.py} is a namespace package only when no search
 * folder has a regular one and the name is not a standard library module.
 */
final class ModuleResolver {
  private final Path root;
  private final List<Path> searchPath;
  private final StandardLibrary stdlib = StandardLibrary.get();
  private final FolderListing listing = new FolderListing();

  ModuleResolver(Path root, List<Path> searchPath) {
    this.root = root;
    this.searchPath = List.copyOf(searchPath);
  }

  /** The outcome of resolving a dotted name: the modules Python would execute, in order. */
  record Resolution(List<PythonModule> executed, boolean complete, boolean topIsLocal) {
    PythonModule last() {
      return executed.get(executed.size() - 1);
    }
  }

  /** Resolves {@code dottedName}, importing each parent package first as Python does. */
  Resolution resolve(String dottedName) {
    String[] parts = dottedName.split("\\.");
    List<PythonModule> executed = new ArrayList<>();
    Optional<PythonModule> current = stdlib.isPreloaded(parts[0]) ? Optional.empty() : find(parts[0], parts[0], searchPath, true);
    if (current.isEmpty()) {
      return new Resolution(executed, false, false);
    }
    executed.add(current.get());
    for (int i = 1; i < parts.length; i++) {
      PythonModule parent = current.get();
      if (!parent.isPackage()) {
        return new Resolution(executed, false, true);
      }
      String name = parent.name() + "." + parts[i];
      current = find(name, parts[i], parent.searchDirs(), false);
      if (current.isEmpty()) {
        return new Resolution(executed, false, true);
      }
      executed.add(current.get());
    }
    return new Resolution(executed, true, true);
  }

  /** Returns submodule {@code child} of package {@code parent}, if it exists. */
  Optional<PythonModule> submodule(PythonModule parent, String child) {
    if (!parent.isPackage()) {
      return Optional.empty();
    }
    return find(parent.name() + "." + child, child, parent.searchDirs(), false);
  }

  private Optional<PythonModule> find(String fullName, String part, List<Path> dirs, boolean topLevel) {
    List<Path> namespaceDirs = new ArrayList<>();
    for (Path dir : dirs) {
      Path pkg = dir.resolve(part);
      FolderListing.Kind pkgKind = listing.kindOf(dir, part);
      boolean isFolder = pkgKind == FolderListing.Kind.FOLDER
          || (pkgKind == FolderListing.Kind.LINK && Files.isDirectory(pkg) && isUnderRoot(pkg));
      if (isFolder && isLocalFile(pkg, "__init__.py")) {
        return Optional.of(new PythonModule(fullName, pkg.resolve("__init__.py"), List.of(pkg)));
      }
      if (isLocalFile(dir, part + ".py")) {
        return Optional.of(new PythonModule(fullName, dir.resolve(part + ".py"), List.of()));
      }
      if (isFolder) {
        namespaceDirs.add(pkg);
      }
    }
    // A namespace portion loses to any regular module of that name further down sys.path;
    // the standard library is the one such place we know of.
    if (namespaceDirs.isEmpty() || (topLevel && stdlib.contains(part))) {
      return Optional.empty();
    }
    return Optional.of(new PythonModule(fullName, null, namespaceDirs));
  }

  /** Whether {@code name} in {@code folder} is a file Python can import from under the root. */
  private boolean isLocalFile(Path folder, String name) {
    FolderListing.Kind kind = listing.kindOf(folder, name);
    if (kind == FolderListing.Kind.FILE) {
      return true; // a plain file in a folder under the root is under the root
    }
    Path file = folder.resolve(name);
    return kind == FolderListing.Kind.LINK && Files.isRegularFile(file) && isUnderRoot(file);
  }

  private boolean isUnderRoot(Path path) {
    try {
      return path.toRealPath().startsWith(root);
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
