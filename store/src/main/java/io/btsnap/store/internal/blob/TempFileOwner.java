package io.btsnap.store.internal.blob;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names a temp file after the process writing it ({@code <base>.p<pid>-<start millis>.<random>}),
 * so that gc and verify can tell a write in progress from the debris of a dead process. Age
 * alone cannot: with {@code --grace 0s} a gc would delete a live capture's temp files faster
 * than it can rename them, and a busy machine lets that happen again and again.
 */
public final class TempFileOwner {
  private static final Pattern OWNER = Pattern.compile("\\.p(\\d{1,19})-(\\d{1,19})\\.[0-9a-f]+$");
  /** Start times are computed from clock ticks and boot time; allow for their rounding. */
  private static final long START_TOLERANCE_MILLIS = 1_000;
  private static final String SELF = ownerToken(ProcessHandle.current());

  private TempFileOwner() {}

  /** Returns a fresh temp file name for {@code base}, owned by this process. */
  public static String newName(String base) {
    return base + "." + SELF + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  }

  /**
   * Returns whether {@code file} is named after a process that is still running (the same pid
   * with the same start time). Files of another naming are nobody's: age decides for them.
   */
  public static boolean ownerIsAlive(Path file) {
    Matcher m = OWNER.matcher(file.getFileName().toString());
    if (!m.find()) {
      return false;
    }
    long pid;
    long started;
    try {
      pid = Long.parseLong(m.group(1));
      started = Long.parseLong(m.group(2));
    } catch (NumberFormatException e) {
      return false;
    }
    Optional<ProcessHandle> owner = ProcessHandle.of(pid);
    if (owner.isEmpty() || !owner.get().isAlive()) {
      return false;
    }
    Optional<Instant> ownerStart = owner.get().info().startInstant();
    // Without a start time on either side the pid alone decides, erring on keeping the file.
    return started == 0 || ownerStart.isEmpty()
        || Math.abs(ownerStart.get().toEpochMilli() - started) <= START_TOLERANCE_MILLIS;
  }

  private static String ownerToken(ProcessHandle process) {
    long started = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    return "p" + process.pid() + "-" + started;
  }
}
