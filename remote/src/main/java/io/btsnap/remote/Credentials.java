package io.btsnap.remote;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a remote's credentials come from, when not from this process's own environment: the
 * AWS variables of another process (the capture service pushes for a client, whose environment
 * holds the keys). Never written anywhere; {@code toString} shows no secret.
 *
 * @param environment AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_PROFILE as
 *     that process has them; empty: the SDK's default chain in this process
 */
public record Credentials(Map<String, String> environment) {
  /** The variables read. */
  public static final Set<String> VARIABLES = Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE");

  /** The SDK's default chain of this process: environment, system properties, profile files. */
  public static final Credentials DEFAULT = new Credentials(Map.of());

  /** Checks that only {@link #VARIABLES} are given. */
  public Credentials {
    environment = Map.copyOf(environment);
    for (String key : environment.keySet()) {
      if (!VARIABLES.contains(key)) {
        throw new IllegalArgumentException("not an AWS credentials variable: " + key);
      }
    }
  }

  Optional<String> get(String variable) {
    return Optional.ofNullable(environment.get(variable)).filter(v -> !v.isEmpty());
  }

  @Override
  public String toString() {
    return "Credentials" + environment.keySet();
  }
}
