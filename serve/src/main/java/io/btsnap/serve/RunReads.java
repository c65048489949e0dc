package io.btsnap.serve;

import io.btsnap.json.Json;
import io.btsnap.serve.CaptureRequests.BadRequestException;
import io.btsnap.store.Store;
import io.btsnap.store.codec.RunJson;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Run;
import io.btsnap.store.model.RunId;
import io.btsnap.store.query.QueryCursor;
import io.btsnap.store.query.RunQuery;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The service's read requests, which let Python read a store without a process per call. A
 * listing is paged, so any number of runs fits under the frame limit: the client asks again
 * with {@code after} set to the reply's {@code next} until it is null.
 *
 * <pre>
 * {"op": "runs", "labels": {"sweep": "g"}, "params": {}, "where": ["sharpe>1"], "after": "RUN", "limit": 1000}
 *   → {"ok": true, "runs": [{...as ls --json lists a run, with fileCount...}], "next": "RUN" | null}
 * {"op": "run", "run": "REF"}                 → {"ok": true, "run": {...as show --json prints it...}}
 * {"op": "read", "run": "REF", "path": "a.py"} → {"ok": true, "content": "BASE64"}
 * </pre>
 */
final class RunReads {
  /** The most runs one reply lists: about 1 MB of JSON, a quarter of the frame limit. */
  static final int MAX_PAGE = 2000;
  /** The largest file a reply carries; base64 makes it 4/3 larger. A larger one is left to the CLI. */
  static final int MAX_READ_BYTES = 2 << 20;

  private RunReads() {}

  /** A file too large for one reply; the client reads it with {@code btsnap cat}. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
      super(message);
    }
  }

  static String answer(Store store, Map<String, Object> json) throws IOException {
    String op = (String) json.get("op");
    Set<String> fields = switch (op) {
      case "runs" -> Set.of("op", "labels", "params", "where", "after", "limit");
      case "run" -> Set.of("op", "run");
      default -> Set.of("op", "run", "path");
    };
    for (String field : json.keySet()) {
      if (!fields.contains(field)) {
        throw new BadRequestException("unknown field '" + field + "' in " + op + " request");
      }
    }
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("ok", true);
    switch (op) {
      case "runs" -> page(store, json, reply);
      case "run" -> reply.put("run", shown(store, store.run(ref(json))));
      default -> reply.put("content", read(store, json));
    }
    return Json.writeAscii(reply);
  }

  /** The object {@code show --json} prints: the reply to {@code run}, {@code annotate} and {@code label}. */
  static Map<String, Object> shown(Store store, Run run) throws IOException {
    return RunJson.show(run, store.manifest(run));
  }

  private static void page(Store store, Map<String, Object> json, Map<String, Object> reply) throws IOException {
    int limit = (int) Math.min(CaptureRequests.number(json, "limit").orElse((long) MAX_PAGE), MAX_PAGE);
    if (limit <= 0) {
      throw new BadRequestException("'limit' must be positive");
    }
    Optional<RunId> after = Optional.empty();
    if (json.get("after") != null) {
      if (!(json.get("after") instanceof String id) || !RunId.isWellFormed(id)) {
        throw new BadRequestException("'after' must be a run id, the 'next' of the previous reply");
      }
      after = Optional.of(RunId.parse(id));
    }
    RunQuery query;
    try {
      query = RunQuery.of(CaptureRequests.strings(json, "labels"), CaptureRequests.strings(json, "params"),
          conditions(json), null);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
    List<Run> runs = QueryCursor.next(store, query, after, limit);
    Map<BlobId, Integer> counts = new HashMap<>();
    List<Object> listed = new ArrayList<>(runs.size());
    for (Run run : runs) {
      Map<String, Object> item = new LinkedHashMap<>();
      Integer files = counts.get(run.manifest());
      if (files == null) {
        files = store.manifest(run).entries().size();
        counts.put(run.manifest(), files);
      }
      RunJson.summary(run, files, item::put);
      listed.add(item);
    }
    reply.put("runs", listed);
    reply.put("next", runs.size() == limit ? runs.get(runs.size() - 1).id().value() : null);
  }

  private static String read(Store store, Map<String, Object> json) throws IOException {
    if (!(json.get("path") instanceof String path)) {
      throw new BadRequestException("read request needs 'path'");
    }
    Run run = store.run(ref(json));
    long size = store.manifest(run).entries().stream().filter(e -> e.path().value().equals(path))
        .mapToLong(e -> e.size()).findFirst().orElse(0);
    if (size > MAX_READ_BYTES) {
      throw new TooLargeException(path + " is too large for the service's reply: read it with btsnap cat");
    }
    return Base64.getEncoder().encodeToString(store.readFile(run, path));
  }

  private static String ref(Map<String, Object> json) {
    if (!(json.get("run") instanceof String ref)) {
      throw new BadRequestException(json.get("op") + " request needs 'run'");
    }
    return ref;
  }

  private static List<String> conditions(Map<String, Object> json) {
    List<String> conditions = new ArrayList<>();
    for (Object c : CaptureRequests.list(json, "where")) {
      if (!(c instanceof String s)) {
        throw new BadRequestException("'where' must be a list of conditions such as \"sharpe>1\"");
      }
      conditions.add(s);
    }
    return conditions;
  }
}
