package io.btsnap.serve;

import io.btsnap.json.Json;
import java.util.Map;

/**
 * A run's environment as JSON for a capture's reply, encoded once per distinct environment: a
 * sweep's captures all carry the same few KB of interpreter, platform and package versions, and
 * encoding them was a fifth of the service's CPU per capture.
 */
final class EnvironmentJson {
  private record Encoded(Object values, Json.Raw json) {}

  private volatile Encoded last = new Encoded(null, null);

  /** Replaces the {@code environment} of {@code run} by its encoding; returns {@code run}. */
  Map<String, Object> encode(Map<String, Object> run) {
    Object values = run.get("environment");
    if (values == null) {
      return run;
    }
    Encoded known = last;
    // By identity: Environment.values() gives one map per text while the text stays the same.
    if (known.values() != values) {
      known = new Encoded(values, new Json.Raw(Json.writeAscii(values)));
      last = known;
    }
    run.put("environment", known.json());
    return run;
  }
}
