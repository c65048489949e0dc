package io.btsnap.store.model;

import java.util.List;

/**
 * A stored file that looks like a credential.
 *
 * @param path its path in the runs' manifests
 * @param rule the rule it matches, e.g. {@code name .env*} or {@code content: a private key block}
 * @param runs the runs that hold it, newest first
 */
public record SecretFinding(String path, String rule, List<RunId> runs) {
  /** Copies the list. */
  public SecretFinding {
    runs = List.copyOf(runs);
  }

  /** Returns one line: the path, the rule, and the runs. */
  public String describe() {
    String shown = runs.size() <= 3
        ? String.join(", ", runs.stream().map(RunId::value).toList())
        : runs.get(0).value() + ", " + runs.get(1).value() + " and " + (runs.size() - 2) + " more";
    return "secret: " + path + " (" + rule + ") in " + runs.size() + (runs.size() == 1 ? " run: " : " runs: ") + shown;
  }
}
