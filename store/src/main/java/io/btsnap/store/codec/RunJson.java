package io.btsnap.store.codec;

import io.btsnap.json.IsoInstant;
import io.btsnap.json.Json;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.CaptureMode;
import io.btsnap.store.model.Environment;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.Provenance;
import io.btsnap.store.model.RelativePath;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one mapping between runs and JSON values: what {@code show}, {@code ls} and {@code
 * capture} print and the service replies, and the run records of exported archives and remote
 * segments, which add their own envelope ({@code format}, shared texts) around the same fields.
 * Reading checks every field and throws {@link IllegalArgumentException} naming the bad one.
 */
public final class RunJson {
  private RunJson() {}

  /** The object {@code show --json} prints. */
  public static Map<String, Object> show(Run run, Manifest manifest) {
    Map<String, Object> json = new LinkedHashMap<>();
    header(run, json::put);
    json.put("files", files(manifest, run.provenance()));
    json.put("environment", run.environment().values());
    return json;
  }

  /**
   * Gives the fields of one element of {@code ls --json}, written without building a map; a
   * null {@code fileCount} (a remote's run, whose manifest is not here) is written as null.
   */
  public static void summary(Run run, Integer fileCount, Json.Fields json) {
    header(run, json);
    json.put("fileCount", fileCount);
  }

  /** The fields people read: a run without an entry file says so with null. */
  private static void header(Run run, Json.Fields json) {
    fields(run, run.entry().isEmpty() ? null : run.entry(), json);
  }

  /**
   * The run's own fields, as every format stores them: {@code id}, {@code created}, {@code
   * mode}, {@code entry}, {@code root}, {@code params}, {@code labels}, {@code metrics}, {@code
   * pinned}, {@code manifest}. Provenance and environment are the caller's, which may share them.
   */
  public static void record(Run run, Json.Fields json) {
    fields(run, run.entry(), json);
  }

  private static void fields(Run run, String entry, Json.Fields json) {
    json.put("id", run.id().value());
    json.put("created", IsoInstant.format(run.created()));
    json.put("mode", run.mode().spelling());
    json.put("entry", entry);
    json.put("root", run.root());
    json.put("params", run.params());
    json.put("labels", run.labels());
    json.put("metrics", run.metrics());
    json.put("pinned", run.pinned());
    json.put("manifest", run.manifest().hex());
  }

  /** Reads what {@link #record} wrote, with the provenance and environment found elsewhere. */
  public static Run readRecord(Map<String, Object> json, Provenance provenance, Environment environment) {
    RunId id = RunId.parse(string(json, "id"));
    return new Run(id, id.created(), CaptureMode.fromSpelling(string(json, "mode")), string(json, "entry"),
        string(json, "root"), strings(json, "params"), strings(json, "labels"), bool(json, "pinned"),
        BlobId.parse(string(json, "manifest")), provenance, environment,
        json.containsKey("metrics") ? metrics(json) : Map.of());
  }

  /**
   * The {@code files} array: {@code path}, {@code hash}, {@code size}, {@code executable}, and
   * the {@code reason} it was taken (provenance, not part of the manifest's id).
   */
  public static List<Object> files(Manifest manifest, Provenance provenance) {
    Map<String, String> reasons = provenance.reasons();
    List<Object> files = new ArrayList<>();
    for (ManifestEntry e : manifest.entries()) {
      Map<String, Object> file = file(e);
      file.put("reason", reasons.getOrDefault(e.path().value(), ""));
      files.add(file);
    }
    return files;
  }

  /** One file's object: what identifies its code. */
  public static Map<String, Object> file(ManifestEntry e) {
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("path", e.path().value());
    file.put("hash", e.blob().hex());
    file.put("size", e.size());
    file.put("executable", e.executable());
    return file;
  }

  /** Reads what {@link #file} wrote. */
  public static ManifestEntry readFile(Map<String, Object> json) {
    return new ManifestEntry(RelativePath.of(string(json, "path")), BlobId.parse(string(json, "hash")), number(json, "size"),
        bool(json, "executable"));
  }

  /** Returns {@code value} as a JSON object, or throws naming {@code what}. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Object value, String what) {
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(what + " is not an object");
    }
    return (Map<String, Object>) value;
  }

  public static List<?> list(Map<String, Object> json, String key) {
    if (!(json.get(key) instanceof List<?> l)) {
      throw new IllegalArgumentException("'" + key + "' is not a list");
    }
    return l;
  }

  public static String string(Map<String, Object> json, String key) {
    if (!(json.get(key) instanceof String s)) {
      throw new IllegalArgumentException("'" + key + "' is not a string");
    }
    return s;
  }

  public static long number(Map<String, Object> json, String key) {
    if (!(json.get(key) instanceof Long n)) {
      throw new IllegalArgumentException("'" + key + "' is not an integer");
    }
    return n;
  }

  public static boolean bool(Map<String, Object> json, String key) {
    if (!(json.get(key) instanceof Boolean b)) {
      throw new IllegalArgumentException("'" + key + "' is not true or false");
    }
    return b;
  }

  public static Map<String, String> strings(Map<String, Object> json, String key) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : object(json.get(key), "'" + key + "'").entrySet()) {
      if (!(e.getValue() instanceof String s)) {
        throw new IllegalArgumentException("'" + key + "." + e.getKey() + "' is not a string");
      }
      map.put(e.getKey(), s);
    }
    return map;
  }

  private static Map<String, Double> metrics(Map<String, Object> json) {
    Map<String, Double> map = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : object(json.get("metrics"), "'metrics'").entrySet()) {
      if (!(e.getValue() instanceof Number n) || !Double.isFinite(n.doubleValue())) {
        throw new IllegalArgumentException("'metrics." + e.getKey() + "' is not a finite number");
      }
      map.put(e.getKey(), n.doubleValue());
    }
    return map;
  }
}
