package io.btsnap.store.internal.runs;

import io.btsnap.store.internal.index.IndexReader;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import io.btsnap.store.model.RunNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** How users name a run: a full id, a unique prefix or suffix of one, or {@code latest}. */
public final class RunRefs {
  /** The name that always means the newest run. */
  public static final String LATEST = "latest";

  /** The shortest prefix or suffix taken: shorter ones match too much to be worth a lookup. */
  public static final int MIN_PREFIX = 4;

  private RunRefs() {}

  /** Returns the run {@code ref} names in the store at {@code root}, or throws saying why none. */
  public static Run resolve(IndexReader reader, String ref, Path root) throws IOException {
    if (ref.equals(LATEST)) {
      return reader.newestRun().orElseThrow(() -> new RunNotFoundException(ref, "no runs in store " + root));
    }
    if (RunId.isWellFormed(ref)) {
      return reader.run(RunId.parse(ref)).orElseThrow(() -> new RunNotFoundException(ref, "no run " + ref));
    }
    if (ref.length() < MIN_PREFIX || !ref.matches("[0-9a-f-]+")) {
      throw new RunNotFoundException(ref, "no run '" + ref + "': give a run id, its first or last "
          + MIN_PREFIX + "+ characters, or latest");
    }
    List<Run> matches = reader.runsWithPrefixOrSuffix(ref, 4);
    if (matches.isEmpty()) {
      throw new RunNotFoundException(ref, "no run matches '" + ref + "'");
    }
    if (matches.size() > 1) {
      throw new RunNotFoundException(ref, "run '" + ref + "' is ambiguous: matches "
          + matches.stream().limit(3).map(r -> r.id().value()).collect(Collectors.joining(", "))
          + (matches.size() > 3 ? ", ..." : ""));
    }
    return matches.get(0);
  }
}
