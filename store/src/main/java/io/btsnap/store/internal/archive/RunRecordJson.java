package io.btsnap.store.internal.archive;

import io.btsnap.store.model.CaptureMode;
import io.btsnap.store.model.RelativePath;
import io.btsnap.json.IsoInstant;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Environment;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.Provenance;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code .btsnap/run.json} of an exported run: the run record, its manifest and its
 * provenance, readable by people and by {@code btsnap import}. This is the archive's own
 * versioned codec: {@code show --json} may change without changing what archives hold.
 *
 * <p>Format 2 keeps each file's reason apart from the manifest, as the store does. Format 1
 * hashed the reasons into the manifest id; such an archive is checked against its old id, then
 * imported with the id of its code alone. Format 3 adds the run's environment (an object of
 * strings) and metrics (an object of numbers); the earlier formats are read as runs without them.
 */
final class RunRecordJson {
  static final int FORMAT = 3;
  private static final int FORMAT_WITHOUT_ENVIRONMENT = 2;
  private static final int FORMAT_WITH_REASONS_IN_MANIFEST = 1;

  private RunRecordJson() {}

  static Map<String, Object> toJson(Run run, Manifest manifest) {
    Map<String, String> reasons = run.provenance().reasons();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", FORMAT);
    json.put("id", run.id().value());
    json.put("created", IsoInstant.format(run.created()));
    json.put("mode", run.mode().spelling());
    json.put("entry", run.entry());
    json.put("root", run.root());
    json.put("params", run.params());
    json.put("labels", run.labels());
    json.put("pinned", run.pinned());
    json.put("manifest", manifest.id().hex());
    List<Object> files = new ArrayList<>();
    for (ManifestEntry e : manifest.entries()) {
      Map<String, Object> file = new LinkedHashMap<>();
      file.put("path", e.path().value());
      file.put("hash", e.blob().hex());
      file.put("size", e.size());
      file.put("executable", e.executable());
      file.put("reason", reasons.getOrDefault(e.path().value(), ""));
      files.add(file);
    }
    json.put("files", files);
    json.put("environment", run.environment().values());
    json.put("metrics", run.metrics());
    return json;
  }

  /** A run and its manifest read back; throws {@link IllegalArgumentException} on any bad field. */
  record Parsed(Run run, Manifest manifest) {}

  static Parsed fromJson(Object parsed) {
    Map<String, Object> json = object(parsed, "run.json");
    Object format = json.get("format");
    if (!Long.valueOf(FORMAT).equals(format) && !Long.valueOf(FORMAT_WITHOUT_ENVIRONMENT).equals(format)
        && !Long.valueOf(FORMAT_WITH_REASONS_IN_MANIFEST).equals(format)) {
      throw new IllegalArgumentException("unknown run.json format " + format);
    }
    RunId id = RunId.parse(string(json, "id"));
    List<ManifestEntry> entries = new ArrayList<>();
    Map<String, String> reasons = new LinkedHashMap<>();
    for (Object item : list(json, "files")) {
      Map<String, Object> file = object(item, "file");
      ManifestEntry entry = new ManifestEntry(
          RelativePath.of(string(file, "path")), BlobId.parse(string(file, "hash")), number(file, "size"), bool(file, "executable"));
      entries.add(entry);
      String reason = string(file, "reason");
      if (reason.chars().anyMatch(c -> c < 0x20)) {
        throw new IllegalArgumentException("reason of " + entry.path() + " has a control character");
      }
      reasons.put(entry.path().value(), reason);
    }
    Manifest manifest = Manifest.of(entries);
    String declared = string(json, "manifest");
    String expected = Long.valueOf(FORMAT_WITH_REASONS_IN_MANIFEST).equals(format)
        ? idWithReasons(manifest, reasons) : manifest.id().hex();
    if (!expected.equals(declared)) {
      throw new IllegalArgumentException("manifest hash of run " + id + " does not match its file list");
    }
    Run run = new Run(id, id.created(), CaptureMode.fromSpelling(string(json, "mode")), string(json, "entry"),
        string(json, "root"), strings(json, "params"), strings(json, "labels"), bool(json, "pinned"), manifest.id(),
        Provenance.of(reasons), json.containsKey("environment") ? Environment.of(strings(json, "environment")) : Environment.NONE,
        json.containsKey("metrics") ? metrics(json) : Map.of());
    return new Parsed(run, manifest);
  }

  /** The manifest id of format 1, which hashed each file's reason after a tab. */
  private static String idWithReasons(Manifest manifest, Map<String, String> reasons) {
    StringBuilder text = new StringBuilder();
    for (String line : manifest.canonicalText().split("\n")) {
      String path = line.substring(line.indexOf(' ', line.indexOf(' ', line.indexOf(' ') + 1) + 1) + 1);
      text.append(line).append('\t').append(reasons.get(path)).append('\n');
    }
    return BlobId.of(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).hex();
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

  private static Map<String, Double> metrics(Map<String, Object> json) {
    Map<String, Double> map = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : object(json.get("metrics"), "metrics").entrySet()) {
      if (!(e.getValue() instanceof Number n) || !Double.isFinite(n.doubleValue())) {
        throw new IllegalArgumentException("'metrics." + e.getKey() + "' is not a finite number");
      }
      map.put(e.getKey(), n.doubleValue());
    }
    return map;
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
