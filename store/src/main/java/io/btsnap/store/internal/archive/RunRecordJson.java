package io.btsnap.store.internal.archive;

import io.btsnap.capture.RelativePath;
import io.btsnap.json.RunJson;
import io.btsnap.store.BlobId;
import io.btsnap.store.CaptureMode;
import io.btsnap.store.Manifest;
import io.btsnap.store.ManifestEntry;
import io.btsnap.store.Run;
import io.btsnap.store.RunId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code .btsnap/run.json} of an exported run: the run record and its manifest, readable by
 * people and by {@code btsnap import}.
 */
final class RunRecordJson {
  static final int FORMAT = 1;

  private RunRecordJson() {}

  static Map<String, Object> toJson(Run run, Manifest manifest) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", FORMAT);
    json.putAll(RunJson.show(run, manifest));
    return json;
  }

  /** A run and its manifest read back; throws {@link IllegalArgumentException} on any bad field. */
  record Parsed(Run run, Manifest manifest) {}

  static Parsed fromJson(Object parsed) {
    Map<String, Object> json = object(parsed, "run.json");
    if (!Long.valueOf(FORMAT).equals(json.get("format"))) {
      throw new IllegalArgumentException("unknown run.json format " + json.get("format"));
    }
    RunId id = RunId.parse(string(json, "id"));
    List<ManifestEntry> entries = new ArrayList<>();
    for (Object item : list(json, "files")) {
      Map<String, Object> file = object(item, "file");
      entries.add(new ManifestEntry(
          RelativePath.of(string(file, "path")),
          BlobId.parse(string(file, "hash")),
          number(file, "size"),
          bool(file, "executable"),
          string(file, "reason")));
    }
    Manifest manifest = Manifest.of(entries);
    if (!manifest.id().hex().equals(string(json, "manifest"))) {
      throw new IllegalArgumentException("manifest hash of run " + id + " does not match its file list");
    }
    Run run = new Run(id, id.created(), CaptureMode.fromSpelling(string(json, "mode")), string(json, "entry"),
        string(json, "root"), strings(json, "params"), strings(json, "labels"), bool(json, "pinned"), manifest.id());
    return new Parsed(run, manifest);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String what) {
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(what + " is not an object");
    }
    return (Map<String, Object>) value;
  }

  private static List<?> list(Map<String, Object> json, String key) {
    if (!(json.get(key) instanceof List<?> l)) {
      throw new IllegalArgumentException("'" + key + "' is not a list");
    }
    return l;
  }

  private static String string(Map<String, Object> json, String key) {
    if (!(json.get(key) instanceof String s)) {
      throw new IllegalArgumentException("'" + key + "' is not a string");
    }
    return s;
  }

  private static long number(Map<String, Object> json, String key) {
    if (!(json.get(key) instanceof Long n)) {
      throw new IllegalArgumentException("'" + key + "' is not an integer");
    }
    return n;
  }

  private static boolean bool(Map<String, Object> json, String key) {
    if (!(json.get(key) instanceof Boolean b)) {
      throw new IllegalArgumentException("'" + key + "' is not true or false");
    }
    return b;
  }

  private static Map<String, String> strings(Map<String, Object> json, String key) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : object(json.get(key), key).entrySet()) {
      if (!(e.getValue() instanceof String s)) {
        throw new IllegalArgumentException("'" + key + "." + e.getKey() + "' is not a string");
      }
      map.put(e.getKey(), s);
    }
    return map;
  }
}
