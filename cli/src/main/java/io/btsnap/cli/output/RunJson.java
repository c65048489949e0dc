package io.btsnap.cli.output;

import io.btsnap.capture.python.UnresolvedImport;
import io.btsnap.json.IsoInstant;
import io.btsnap.json.Json;
import io.btsnap.capture.pipeline.CaptureResult;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.Provenance;
import io.btsnap.store.model.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of runs and files: what {@code show}, {@code ls} and {@code capture} print.
 * Exported archives have a codec of their own, so this output can change without changing them.
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

  /** The object {@code capture --json} prints: the run as {@link #show} gives it, and what the capture added. */
  public static Map<String, Object> captured(CaptureResult result) {
    Map<String, Object> object = show(result.run(), result.manifest());
    object.put("newBlobs", result.newBlobs());
    object.put("newBytes", result.newBytes());
    object.put("unresolved", result.unresolved().stream().map(UnresolvedImport::describe).toList());
    object.put("warnings", result.warnings());
    return object;
  }

  /**
   * Gives the fields of one element of {@code ls --json}, written without building a map; a
   * null {@code fileCount} (a remote's run, whose manifest is not here) is written as null.
   */
  public static void summary(Run run, Integer fileCount, Json.Fields json) {
    header(run, json);
    json.put("fileCount", fileCount);
  }

  private static void header(Run run, Json.Fields json) {
    json.put("id", run.id().value());
    json.put("created", IsoInstant.format(run.created()));
    json.put("mode", run.mode().spelling());
    json.put("entry", run.entry().isEmpty() ? null : run.entry());
    json.put("root", run.root());
    json.put("params", run.params());
    json.put("labels", run.labels());
    json.put("metrics", run.metrics());
    json.put("pinned", run.pinned());
    json.put("manifest", run.manifest().hex());
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
}
