package io.btsnap.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finds selected files modified after the backtest's process started: Python loaded the old
 * content, the capture reads the new one, so the stored file is not what ran.
 */
final class ChangedSinceStart {
  /**
   * Linux gives a process's start time from the boot time, which it rounds to the second; a file
   * written within this margin of the start may have been written before it.
   */
  static final Duration MARGIN = Duration.ofSeconds(1);

  private ChangedSinceStart() {}

  /** Returns one warning per file of {@code files} changed after {@code launch} started. */
  static List<String> check(Launch launch, Collection<SelectedFile> files) {
    List<String> warnings = new ArrayList<>();
    if (launch.started().isEmpty()) {
      return warnings;
    }
    Instant limit = launch.started().get().plus(MARGIN);
    for (SelectedFile file : files) {
      if (file.content().isPresent()) {
        continue; // sent by the process itself, so it is what ran
      }
      try {
        Instant modified = Files.getLastModifiedTime(file.source()).toInstant();
        if (modified.isAfter(limit)) {
          warnings.add(file.path() + " changed after the backtest's process (pid " + launch.pid()
              + ") started: the stored file may not be the code that ran");
        }
      } catch (IOException e) {
        // The read that follows reports a file that is gone.
      }
    }
    return warnings;
  }
}
