package io.btsnap.capture.detect;

import io.btsnap.capture.EntryPoint;
import io.btsnap.capture.EntryPointDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the entry point of a JVM backtester from inside it: the outermost application frame of
 * the calling thread's stack (the class whose {@code main} started it), else the main class named
 * by {@code sun.java.command}, resolved to its source file under the source roots. Must be asked
 * from the thread that captures.
 */
public final class StackWalkerDetector implements EntryPointDetector {
  /** Where sources are looked for, relative to the working folder, when none are configured. */
  public static final List<String> DEFAULT_SOURCE_ROOTS = List.of("src/main/java", "src/test/java");

  private final List<Path> sourceRoots;
  private final String javaCommand;

  /** Creates a detector looking in {@code sourceRoots}, with {@code javaCommand} as fallback. */
  public StackWalkerDetector(List<Path> sourceRoots, String javaCommand) {
    this.sourceRoots = List.copyOf(sourceRoots);
    this.javaCommand = javaCommand == null ? "" : javaCommand;
  }

  /** Creates a detector with the default source roots under {@code workingDir}. */
  public static StackWalkerDetector inProject(Path workingDir) {
    List<Path> roots = new ArrayList<>();
    for (String r : DEFAULT_SOURCE_ROOTS) {
      roots.add(workingDir.resolve(r));
    }
    return new StackWalkerDetector(roots, System.getProperty("sun.java.command"));
  }

  @Override
  public Optional<EntryPoint> detect() {
    Optional<String> outermost =
        StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
            .walk(frames -> frames.map(f -> f.getDeclaringClass()).filter(c -> !isPlatform(c)).reduce((a, b) -> b))
            .map(Class::getName);
    if (outermost.isPresent()) {
      Optional<EntryPoint> found = sourceOf(outermost.get(), "main class " + outermost.get() + " (stack)");
      if (found.isPresent()) {
        return found;
      }
    }
    String[] command = javaCommand.strip().split("\\s+");
    for (String token : command) {
      if (token.endsWith(".java") && Files.isRegularFile(Path.of(token))) {
        return Optional.of(new EntryPoint(Path.of(token), "source launch " + token));
      }
    }
    return command[0].isEmpty() ? Optional.empty() : sourceOf(command[0], "main class " + command[0] + " (sun.java.command)");
  }

  private Optional<EntryPoint> sourceOf(String className, String how) {
    String topLevel = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
    String relative = topLevel.replace('.', '/') + ".java";
    for (Path root : sourceRoots) {
      Path file = root.resolve(relative);
      if (Files.isRegularFile(file)) {
        return Optional.of(new EntryPoint(file, how));
      }
    }
    return Optional.empty();
  }

  private static boolean isPlatform(Class<?> c) {
    Module module = c.getModule();
    if (!module.isNamed()) {
      // The library's own frames: a class of this jar, whose code source is this class's.
      return c.getProtectionDomain().getCodeSource() != null
          && c.getProtectionDomain().getCodeSource().equals(StackWalkerDetector.class.getProtectionDomain().getCodeSource());
    }
    String name = module.getName();
    return name.startsWith("java.") || name.startsWith("jdk.");
  }
}
