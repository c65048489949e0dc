package io.btsnap.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Reads {@code KEY=VALUE} options into a map, in order, refusing what picocli would let pass. */
final class KeyValues {
  private KeyValues() {}

  /** Returns the map of {@code values}, refusing an empty key or a key given twice (a usage error). */
  static Map<String, String> checked(CommandSpec spec, String option, List<String> values) {
    try {
      return parse(option, values);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /**
   * Returns the map of {@code values}; throws {@link IllegalArgumentException} on a value without
   * {@code =}, an empty key, or a key given twice: which of two values ran is not for btsnap to guess.
   */
  static Map<String, String> parse(String option, List<String> values) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String value : values) {
      int eq = value.indexOf('=');
      if (eq < 0 || !validKey(value.substring(0, eq))) {
        throw new IllegalArgumentException(option + " needs KEY=VALUE with a non-empty KEY: '" + value + "'");
      }
      String key = value.substring(0, eq);
      if (map.putIfAbsent(key, value.substring(eq + 1)) != null) {
        throw new IllegalArgumentException(option + " " + key + " is given twice (" + map.get(key) + " and "
            + value.substring(eq + 1) + "): give each key once");
      }
    }
    return map;
  }

  /** Returns whether {@code key} may name a parameter or label. */
  static boolean validKey(String key) {
    return !key.isBlank();
  }
}
