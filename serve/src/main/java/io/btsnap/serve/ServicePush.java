package io.btsnap.serve;

import io.btsnap.remote.Credentials;
import io.btsnap.remote.Passphrase;
import io.btsnap.remote.Remote;
import io.btsnap.remote.RemoteSpec;
import io.btsnap.remote.Remotes;
import io.btsnap.store.Store;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's {@code push} op: runs of its store sent to a remote, with one S3 client per
 * remote kept warm, so that a grid's {@code capture(push=...)} pays for neither a JVM nor the
 * SDK's start on each run. Made on the first push: a service that never pushes never loads the
 * SDK.
 *
 * <pre>
 * {"op": "push", "runs": ["20261129-...", ...], "remote": "shared", "aws": {"AWS_ACCESS_KEY_ID": ...}, "password": "..."}
 * </pre>
 * {@code remote} is optional (the store's only one); {@code aws} holds the client's AWS
 * credential variables, since the service's own environment is that of whichever client
 * started it. They stay in memory, in the S3 client made for them. {@code password}, optional,
 * is an encrypted remote's passphrase as the client found it (BTSNAP_REMOTE_PASSWORD and its
 * _FILE and _COMMAND forms): kept in memory with the remote it unlocks, which derives its key
 * once, on its first push; never logged, never written.
 */
final class ServicePush implements AutoCloseable {
  private final Store store;
  private final long budget;
  /** By remote (name, URL, endpoint) and credentials: a remote added again elsewhere gets a new client. */
  private final Map<Key, Remote> remotes = new ConcurrentHashMap<>();

  private record Key(RemoteSpec spec, Credentials credentials, Passphrase passphrase) {}

  private static final int CLIENTS = 16;
  /** Pushes between taking a client and finishing with it, this one included. */
  private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

  /** Push requests served, for {@code serve --status}. */
  final java.util.concurrent.atomic.AtomicLong served = new java.util.concurrent.atomic.AtomicLong();

  ServicePush(Store store, long budget) {
    this.store = store;
    this.budget = budget;
  }

  /** Thrown when the runs' code is more than the service holds at once: the client uses the CLI. */
  static final class TooLargeException extends IOException {
    TooLargeException(String message) {
      super(message);
    }
  }

  Map<String, Object> push(Map<String, Object> request) throws IOException {
    for (String field : request.keySet()) {
      if (!Set.of("op", "runs", "remote", "aws", "password").contains(field)) {
        throw new CaptureRequests.BadRequestException("unknown field '" + field + "'");
      }
    }
    if (!(request.get("runs") instanceof List<?> ids) || ids.isEmpty() || ids.size() > 100_000
        || !ids.stream().allMatch(id -> id instanceof String s && RunId.isWellFormed(s))) {
      throw new CaptureRequests.BadRequestException("'runs' must be a list of run ids");
    }
    Object name = request.get("remote");
    if (name != null && !(name instanceof String)) {
      throw new CaptureRequests.BadRequestException("'remote' must be a string");
    }
    Credentials credentials = credentials(request.get("aws"));
    Passphrase passphrase = passphrase(request.get("password"));
    RemoteSpec spec = Remotes.of(store.location()).choose(Optional.ofNullable((String) name));
    List<Run> runs = new ArrayList<>();
    Set<BlobId> blobs = new HashSet<>();
    long bytes = 0;
    for (Object id : ids) {
      Run run = store.run((String) id);
      runs.add(run);
      for (ManifestEntry e : store.manifest(run).entries()) {
        if (blobs.add(e.blob())) {
          bytes += e.size();
        }
      }
    }
    if (bytes > budget) {
      throw new TooLargeException(String.format("the runs' files come to %,d bytes, more than the service pushes at once (%,d):"
          + " push them with the btsnap command", bytes, budget));
    }
    Remote.Transfer t;
    inFlight.incrementAndGet();
    try {
      t = remote(new Key(spec, credentials, passphrase)).push(store, runs);
    } finally {
      inFlight.decrementAndGet();
    }
    served.incrementAndGet();
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("ok", true);
    reply.put("remote", spec.name());
    reply.put("runs", t.runs().stream().map(RunId::value).toList());
    reply.put("alreadyThere", t.alreadyThere());
    reply.put("blobs", t.blobs());
    reply.put("bytes", t.bytes());
    reply.put("manifests", t.manifests());
    reply.put("requests", t.requests()); // as push --json: sent by this process's client of the remote, so far
    reply.put("unlockMs", t.unlockMillis());
    return reply;
  }

  /**
   * The warm client for {@code key}. Rotating session tokens make a new key each time: past
   * {@link #CLIENTS} keys the clients are closed, when no other push is using one, rather than
   * kept for the service's life.
   */
  private synchronized Remote remote(Key key) {
    Remote remote = remotes.get(key);
    if (remote == null) {
      if (remotes.size() >= CLIENTS && inFlight.get() == 1) {
        remotes.values().forEach(Remote::close);
        remotes.clear();
      }
      remote = Remote.open(key.spec(), key.credentials(), key.passphrase());
      remotes.put(key, remote);
    }
    return remote;
  }

  /** The client's passphrase for an encrypted remote; none: an encrypted remote is refused with one line. */
  private static Passphrase passphrase(Object password) {
    if (password == null) {
      return Passphrase.NONE;
    }
    if (!(password instanceof String text) || text.isEmpty()) {
      throw new CaptureRequests.BadRequestException("'password' must be a non-empty string");
    }
    return Passphrase.of(text);
  }

  private static Credentials credentials(Object aws) {
    if (aws == null) {
      return Credentials.DEFAULT;
    }
    if (!(aws instanceof Map<?, ?> map)) {
      throw new CaptureRequests.BadRequestException("'aws' must be an object of AWS credential variables");
    }
    Map<String, String> variables = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getValue() instanceof String value) || !Credentials.VARIABLES.contains(e.getKey())) {
        throw new CaptureRequests.BadRequestException("'aws' takes " + String.join(", ", new java.util.TreeSet<>(Credentials.VARIABLES))
            + " as strings");
      }
      variables.put((String) e.getKey(), value);
    }
    return new Credentials(variables);
  }

  @Override
  public void close() {
    remotes.values().forEach(Remote::close);
  }
}
