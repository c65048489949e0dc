package io.btsnap.remote;

import io.btsnap.store.model.CaptureMode;
import io.btsnap.store.model.RelativePath;
import io.btsnap.json.Json;
import io.btsnap.json.JsonReader;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Environment;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.Provenance;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The remote's own formats: a segment (the run records of one push, without their file lists:
 * a grid of one code version names one manifest a thousand times) and a manifest (its entries).
 * Reading checks every field; a manifest is checked against the id it is stored under.
 */
final class RunCodec {
  static final int FORMAT = 1;

  private RunCodec() {}

  static byte[] segment(List<Run> runs) {
    // Provenance and environment repeat from run to run (the environment is a few KB of package
    // versions): each distinct text once, runs name it by its place in "texts".
    Map<String, Integer> texts = new LinkedHashMap<>();
    List<Object> records = new ArrayList<>();
    for (Run run : runs) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", run.id().value());
      r.put("mode", run.mode().spelling());
      r.put("entry", run.entry());
      r.put("root", run.root());
      r.put("params", run.params());
      r.put("labels", run.labels());
      r.put("metrics", run.metrics());
      r.put("pinned", run.pinned());
      r.put("manifest", run.manifest().hex());
      r.put("provenance", texts.computeIfAbsent(run.provenance().text(), t -> texts.size()));
      r.put("environment", texts.computeIfAbsent(run.environment().text(), t -> texts.size()));
      records.add(r);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", FORMAT);
    json.put("texts", new ArrayList<>(texts.keySet()));
    json.put("runs", records);
    return Json.writeCompact(json).getBytes(StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  static List<Run> readSegment(String key, byte[] bytes) throws RemoteException {
    try {
      Map<String, Object> json = (Map<String, Object>) JsonReader.parse(new String(bytes, StandardCharsets.UTF_8));
      if (!Long.valueOf(FORMAT).equals(json.get("format"))) {
        throw new IllegalArgumentException("unknown format " + json.get("format"));
      }
      List<Object> texts = (List<Object>) json.get("texts");
      List<Run> runs = new ArrayList<>();
      for (Object item : (List<Object>) json.get("runs")) {
        Map<String, Object> r = (Map<String, Object>) item;
        RunId id = RunId.parse((String) r.get("id"));
        Map<String, Double> metrics = new LinkedHashMap<>();
        ((Map<String, Object>) r.get("metrics")).forEach((k, v) -> metrics.put(k, ((Number) v).doubleValue()));
        runs.add(new Run(id, id.created(), CaptureMode.fromSpelling((String) r.get("mode")), (String) r.get("entry"),
            (String) r.get("root"), strings(r.get("params")), strings(r.get("labels")), Boolean.TRUE.equals(r.get("pinned")),
            BlobId.parse((String) r.get("manifest")), new Provenance((String) texts.get(((Long) r.get("provenance")).intValue())),
            new Environment((String) texts.get(((Long) r.get("environment")).intValue())), metrics));
      }
      return runs;
    } catch (RuntimeException e) {
      throw new RemoteException("remote object " + key + " is not a run segment: " + e.getMessage(), e);
    }
  }

  static byte[] manifest(Manifest manifest) {
    List<Object> entries = new ArrayList<>();
    for (ManifestEntry e : manifest.entries()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("path", e.path().value());
      item.put("hash", e.blob().hex());
      item.put("size", e.size());
      item.put("executable", e.executable());
      entries.add(item);
    }
    return Json.writeCompact(Map.of("format", FORMAT, "entries", entries)).getBytes(StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  static Manifest readManifest(BlobId expected, byte[] bytes) throws RemoteException {
    Manifest manifest;
    try {
      Map<String, Object> json = (Map<String, Object>) JsonReader.parse(new String(bytes, StandardCharsets.UTF_8));
      List<ManifestEntry> entries = new ArrayList<>();
      for (Object item : (List<Object>) json.get("entries")) {
        Map<String, Object> e = (Map<String, Object>) item;
        entries.add(new ManifestEntry(RelativePath.of((String) e.get("path")), BlobId.parse((String) e.get("hash")),
            ((Number) e.get("size")).longValue(), Boolean.TRUE.equals(e.get("executable"))));
      }
      manifest = Manifest.of(entries);
    } catch (RuntimeException e) {
      throw new RemoteException("remote manifest " + expected.hex() + " is damaged: " + e.getMessage(), e);
    }
    if (!manifest.id().equals(expected)) {
      throw new RemoteException("remote manifest " + expected.hex() + " does not hash to its name: damaged or tampered with");
    }
    return manifest;
  }

  private static Map<String, String> strings(Object value) {
    Map<String, String> map = new LinkedHashMap<>();
    ((Map<?, ?>) value).forEach((k, v) -> map.put((String) k, (String) v));
    return map;
  }
}
