package io.btsnap.capture.python;

import java.nio.file.Path;
import java.util.List;

/**
 * A module found under the project root.
 *
 * @param name its dotted name
 * @param file the file Python executes: the module file, a package's {@code __init__.py}, or
 *     null for a namespace package
 * @param searchDirs for a package, the folders its submodules are found in; empty for a module
 */
record PythonModule(String name, Path file, List<Path> searchDirs) {
  boolean isPackage() {
    return !searchDirs.isEmpty();
  }
}
