package io.btsnap.cli;

import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks {@code KEY=VALUE} options beyond what picocli splits. */
final class KeyValues {
  private KeyValues() {}

  /** Returns {@code values}, refusing an empty key. */
  static Map<String, String> checked(CommandSpec spec, String option, Map<String, String> values) {
    for (String key : values.keySet()) {
      if (!validKey(key)) {
        throw new ParameterException(spec.commandLine(), option + " needs KEY=VALUE with a non-empty KEY");
      }
    }
    return values;
  }

  /** Returns whether {@code key} may name a parameter or label. */
  static boolean validKey(String key) {
    return !key.isBlank();
  }
}
