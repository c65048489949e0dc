package io.btsnap.json;

import io.btsnap.store.Manifest;
import io.btsnap.store.ManifestEntry;
import io.btsnap.store.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of runs and files: what {@code show}, {@code ls} and {@code capture} print, and
 * the body of an exported run's {@code run.json}.
 */
public final class RunJson {
  private RunJson() {}

  /** The object {@code show --json} prints. */
  public static Map<String, Object> show(Run run, Manifest manifest) {
    Map<String, Object> json = new LinkedHashMap<>();
    header(run, json::put);
    json.put("files", files(manifest));
    return json;
  }

  /** Gives the fields of one element of {@code ls --json}, written without building a map. */
  public static void summary(Run run, int fileCount, Json.Fields json) {
    header(run, json);
    json.put("fileCount", fileCount);
  }

  private static void header(Run run, Json.Fields json) {
    json.put("id", run.id().value());
    json.put("created", IsoInstant.format(run.created()));
    json.put("mode", run.mode().spelling());
    json.put("entry", run.entry());
    json.put("root", run.root());
    json.put("params", run.params());
    json.put("labels", run.labels());
    json.put("pinned", run.pinned());
    json.put("manifest", run.manifest().hex());
  }

  /** The {@code files} array: {@code path}, {@code hash}, {@code size}, {@code executable}. */
  public static List<Object> files(Manifest manifest) {
    List<Object> files = new ArrayList<>();
    for (ManifestEntry e : manifest.entries()) {
      files.add(file(e));
    }
    return files;
  }

  /** One file's object. */
  public static Map<String, Object> file(ManifestEntry e) {
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("path", e.path().value());
    file.put("hash", e.blob().hex());
    file.put("size", e.size());
    file.put("executable", e.executable());
    file.put("reason", e.reason());
    return file;
  }
}
