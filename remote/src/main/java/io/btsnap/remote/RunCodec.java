package io.btsnap.remote;

import io.btsnap.json.Json;
import io.btsnap.json.JsonReader;
import io.btsnap.store.codec.RunJson;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Environment;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.Provenance;
import io.btsnap.store.model.Run;
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
      RunJson.record(run, r::put);
      // The id holds the time: a hundred thousand runs need not say it twice.
      r.remove("created");
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
        Map<String, Object> r = RunJson.object(item, "run");
        runs.add(RunJson.readRecord(r, new Provenance(text(texts, r, "provenance")), new Environment(text(texts, r, "environment"))));
      }
      return runs;
    } catch (RuntimeException e) {
      throw new RemoteException("remote object " + key + " is not a run segment: " + e.getMessage(), e);
    }
  }

  static byte[] manifest(Manifest manifest) {
    List<Object> entries = new ArrayList<>();
    for (ManifestEntry e : manifest.entries()) {
      entries.add(RunJson.file(e));
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
        entries.add(RunJson.readFile(RunJson.object(item, "entry")));
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

  private static String text(List<Object> texts, Map<String, Object> record, String key) {
    long index = RunJson.number(record, key);
    if (index < 0 || index >= texts.size() || !(texts.get((int) index) instanceof String text)) {
      throw new IllegalArgumentException("'" + key + "' names no text");
    }
    return text;
  }
}
