package io.btsnap.remote;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A remote: a bucket and key prefix, and how to reach the server. Credentials are never part of
 * it: they come from the AWS SDK's usual places (environment, system properties, profile files).
 *
 * @param name what commands call it
 * @param bucket the bucket
 * @param prefix the key prefix, empty or ending in {@code /}
 * @param endpoint the server's URL, for S3-compatible servers other than AWS
 * @param region the region (default us-east-1)
 * @param pathStyle whether to address the bucket in the path (most self-hosted servers need it)
 * @param repository the encrypted repository the store found there when it added the remote;
 *     empty for a plain remote. Opening the remote refuses a bucket holding another repository
 *     (a swapped bucket) or none (a downgrade to plain).
 */
public record RemoteSpec(
    String name, String bucket, String prefix, Optional<URI> endpoint, Optional<String> region, boolean pathStyle,
    Optional<String> repository) {
  /** Checks the fields. */
  public RemoteSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(repository, "repository");
    if (repository.isPresent() && !repository.get().matches("[0-9a-f]{32}")) {
      throw new IllegalArgumentException("a repository id is 32 hex digits, not '" + repository.get() + "'");
    }
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
      throw new IllegalArgumentException("a remote name takes letters, digits, '.', '_' and '-': '" + name + "'");
    }
  }

  /** A plain remote. */
  public RemoteSpec(String name, String bucket, String prefix, Optional<URI> endpoint, Optional<String> region, boolean pathStyle) {
    this(name, bucket, prefix, endpoint, region, pathStyle, Optional.empty());
  }

  /** Returns whether the remote is an encrypted repository. */
  public boolean encrypted() {
    return repository.isPresent();
  }

  /** Returns {@code encrypted} or {@code plain}, as {@code remote ls} shows it. */
  public String kind() {
    return encrypted() ? "encrypted" : "plain";
  }

  /** Returns this remote recorded as encrypted repository {@code id}. */
  public RemoteSpec withRepository(String id) {
    return new RemoteSpec(name, bucket, prefix, endpoint, region, pathStyle, Optional.of(id));
  }

  /**
   * Reads {@code s3://BUCKET[/PREFIX]}; throws {@link IllegalArgumentException} naming what is wrong.
   */
  public static RemoteSpec parse(String name, String url, Optional<URI> endpoint, Optional<String> region, boolean pathStyle) {
    if (!url.startsWith("s3://")) {
      throw new IllegalArgumentException("a remote is s3://BUCKET[/PREFIX], not '" + url + "'");
    }
    String rest = url.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new IllegalArgumentException("'" + bucket + "' is not a bucket name (3-63 lower-case letters, digits, '.', '-')");
    }
    if (prefix.contains("//") || prefix.startsWith("/")) {
      throw new IllegalArgumentException("the prefix of " + url + " has an empty part");
    }
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix += "/";
    }
    if (endpoint.isPresent() && !("http".equals(endpoint.get().getScheme()) || "https".equals(endpoint.get().getScheme()))) {
      throw new IllegalArgumentException("an endpoint is an http:// or https:// URL, not '" + endpoint.get() + "'");
    }
    return new RemoteSpec(name, bucket, prefix, endpoint, region, pathStyle);
  }

  /** Returns the remote's URL, {@code s3://bucket/prefix}. */
  public String url() {
    return "s3://" + bucket + "/" + (prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
  }
}
