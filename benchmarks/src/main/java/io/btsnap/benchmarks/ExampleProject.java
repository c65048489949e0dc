package io.btsnap.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Copies {@code examples/rsi_bb} into a temp folder for a benchmark, and removes it after. */
final class ExampleProject {
  private ExampleProject() {}

  /** Returns the example folder: {@code -Dbtsnap.example=DIR}, else found from the working folder. */
  static Path source() {
    String configured = System.getProperty("btsnap.example");
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path candidate : new Path[] {Path.of("examples/rsi_bb"), Path.of("../examples/rsi_bb")}) {
      if (Files.isRegularFile(candidate.resolve("rsi_bb_strategy.py"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("examples/rsi_bb not found: run from the repository root or pass -Dbtsnap.example=DIR");
  }

  /** Copies the example's Python files and pyproject.toml into {@code target}. */
  static Path copyTo(Path target) throws IOException {
    Path source = source();
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (Files.isRegularFile(file) && (name.endsWith(".py") || name.equals("pyproject.toml")) && !file.toString().contains("__pycache__")) {
          Path copy = target.resolve(source.relativize(file).toString());
          Files.createDirectories(copy.getParent());
          Files.copy(file, copy);
        }
      }
    }
    return target;
  }

  /** Deletes {@code dir} and everything in it, if it exists. */
  static void deleteIfExists(Path dir) {
    if (Files.exists(dir)) {
      delete(dir);
    }
  }

  /** Deletes {@code dir} and everything in it. */
  static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          p.toFile().setWritable(true);
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
