package io.btsnap.capture.detect;

import io.btsnap.capture.EntryPoint;
import io.btsnap.capture.EntryPointDetector;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Takes the entry point from {@code $BTSNAP_ENTRY}, relative to the working folder. */
public final class EnvVarDetector implements EntryPointDetector {
  /** The variable's name. */
  public static final String VARIABLE = "BTSNAP_ENTRY";

  private final Map<String, String> environment;
  private final Path workingDir;

  /** Creates a detector reading {@code environment}. */
  public EnvVarDetector(Map<String, String> environment, Path workingDir) {
    this.environment = environment;
    this.workingDir = workingDir;
  }

  @Override
  public Optional<EntryPoint> detect() {
    String value = environment.get(VARIABLE);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new EntryPoint(workingDir.resolve(value.strip()), "$" + VARIABLE));
  }
}
