package io.btsnap.store.internal.archive;

import static io.btsnap.store.codec.RunJson.list;
import static io.btsnap.store.codec.RunJson.object;
import static io.btsnap.store.codec.RunJson.string;
import static io.btsnap.store.codec.RunJson.strings;

import io.btsnap.store.codec.RunJson;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Environment;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.Provenance;
import io.btsnap.store.model.Run;
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
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", FORMAT);
    RunJson.record(run, json::put);
    json.put("files", RunJson.files(manifest, run.provenance()));
    json.put("environment", run.environment().values());
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
    List<ManifestEntry> entries = new ArrayList<>();
    Map<String, String> reasons = new LinkedHashMap<>();
    for (Object item : list(json, "files")) {
      Map<String, Object> file = object(item, "file");
      ManifestEntry entry = RunJson.readFile(file);
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
      throw new IllegalArgumentException("manifest hash of run " + string(json, "id") + " does not match its file list");
    }
    Run run = RunJson.readRecord(json, Provenance.of(reasons),
        json.containsKey("environment") ? Environment.of(strings(json, "environment")) : Environment.NONE).withManifest(manifest.id());
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
}
