package io.btsnap.remote;

import io.btsnap.json.Json;
import io.btsnap.json.JsonReader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The remotes of a store, kept in its folder as {@code remotes.json} (no credentials in it). */
public final class Remotes {
  static final String FILE = "remotes.json";

  private final Path file;
  private final Map<String, RemoteSpec> remotes;

  private Remotes(Path file, Map<String, RemoteSpec> remotes) {
    this.file = file;
    this.remotes = remotes;
  }

  /** Reads the remotes of the store at {@code storeDir}; none when it has no file yet. */
  public static Remotes of(Path storeDir) throws IOException {
    Path file = storeDir.resolve(FILE);
    Map<String, RemoteSpec> remotes = new LinkedHashMap<>();
    if (Files.isRegularFile(file)) {
      try {
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) JsonReader.parse(Files.readString(file, StandardCharsets.UTF_8));
        for (Map.Entry<String, Object> e : json.entrySet()) {
          @SuppressWarnings("unchecked")
          Map<String, Object> r = (Map<String, Object>) e.getValue();
          RemoteSpec spec = RemoteSpec.parse(e.getKey(), (String) r.get("url"),
              Optional.ofNullable((String) r.get("endpoint")).map(URI::create), Optional.ofNullable((String) r.get("region")),
              Boolean.TRUE.equals(r.get("pathStyle")));
          // Recorded before encryption existed: no kind, plain.
          Object kind = r.getOrDefault("kind", "plain");
          if ("encrypted".equals(kind)) {
            spec = spec.withRepository((String) r.get("repository"));
          } else if (!"plain".equals(kind)) {
            throw new IllegalArgumentException("remote " + e.getKey() + " is of unknown kind " + kind);
          }
          remotes.put(e.getKey(), spec);
        }
      } catch (RuntimeException e) {
        throw new RemoteException(file + " is damaged: " + e.getMessage() + " (remove it and add the remotes again)");
      }
    }
    return new Remotes(file, remotes);
  }

  /** Returns the remotes by name, in the order added. */
  public Map<String, RemoteSpec> all() {
    return java.util.Collections.unmodifiableMap(remotes);
  }

  /**
   * Returns the remote named {@code name}, or, without a name, the only one; an error that says
   * what to do otherwise.
   */
  public RemoteSpec choose(Optional<String> name) throws RemoteException {
    if (name.isPresent()) {
      RemoteSpec spec = remotes.get(name.get());
      if (spec == null) {
        throw new RemoteException("no remote named " + name.get() + (remotes.isEmpty() ? ": add one with 'btsnap remote add'"
            : "; remotes: " + String.join(", ", remotes.keySet())));
      }
      return spec;
    }
    if (remotes.size() == 1) {
      return remotes.values().iterator().next();
    }
    throw new RemoteException(remotes.isEmpty() ? "no remote: add one with 'btsnap remote add NAME s3://BUCKET[/PREFIX]'"
        : "several remotes (" + String.join(", ", remotes.keySet()) + "): name one");
  }

  /** Adds {@code spec}; refuses a name already taken. */
  public void add(RemoteSpec spec) throws IOException {
    if (remotes.containsKey(spec.name())) {
      throw new RemoteException("a remote named " + spec.name() + " exists: remove it first");
    }
    forgetCaches(spec.name()); // left by a remote of that name removed by hand: another bucket, maybe
    remotes.put(spec.name(), spec);
    save();
  }

  /** Removes the remote named {@code name}. */
  public void remove(String name) throws IOException {
    if (remotes.remove(name) == null) {
      throw new RemoteException("no remote named " + name);
    }
    save();
    forgetCaches(name);
  }

  /** Deletes what the store remembers of a remote's contents (remote-cache/NAME.*, NAME.runs-by-day/). */
  private void forgetCaches(String name) throws IOException {
    for (String kind : new String[] {".runs", ".dropped", ".objects", ".synced"}) {
      java.nio.file.Files.deleteIfExists(file.getParent().resolve("remote-cache").resolve(name + kind));
    }
    KnownRuns.of(file.getParent(), name).delete();
  }

  private void save() throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    for (RemoteSpec r : remotes.values()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("url", r.url());
      r.endpoint().ifPresent(e -> item.put("endpoint", e.toString()));
      r.region().ifPresent(g -> item.put("region", g));
      item.put("pathStyle", r.pathStyle());
      item.put("kind", r.kind());
      r.repository().ifPresent(id -> item.put("repository", id));
      json.put(r.name(), item);
    }
    Path tmp = file.resolveSibling(FILE + "." + ProcessHandle.current().pid());
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, Json.write(json) + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
