package io.btsnap.cli;

import io.btsnap.capture.EntryPoint;
import io.btsnap.capture.Launch;
import io.btsnap.json.Json;
import io.btsnap.serve.CaptureService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code capture} command line as a request to the warm service, and the service's reply
 * printed as the command prints its own capture: the run id (or its JSON), the warnings on stderr.
 */
final class ForwardedCapture {
  /** The service's reply code for a capture it leaves to a process of its own. */

  private ForwardedCapture() {}

  /**
   * The request for {@code command}'s options with the entry found here; empty when the service
   * would read it otherwise than this process (a launch in another working folder).
   */
  static Optional<Map<String, Object>> request(CaptureCommand command, Path cwd, Optional<EntryPoint> entry) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("op", "capture");
    request.put("cwd", cwd.toString());
    if (entry.isPresent()) {
      Optional<Launch> launch = entry.get().launch();
      // The service takes a launch's folder to be the request's working folder.
      if (launch.isPresent() && !launch.get().workingDir().equals(cwd)) {
        return Optional.empty();
      }
      request.put("entry", entry.get().file().toString());
      request.put("how", entry.get().how());
      launch.ifPresent(l -> {
        request.put("pid", l.pid());
        l.started().ifPresent(t -> request.put("started", t.toEpochMilli()));
        l.module().ifPresent(m -> request.put("module", m));
        l.pathFirst().ifPresent(p -> request.put("sysPath0", p.toString()));
        request.put("pythonPath", l.pythonPath().stream().map(Path::toString).toList());
      });
    }
    request.put("params", KeyValues.parse("--param", command.params));
    request.put("labels", command.labels());
    if (command.mode != null) {
      request.put("mode", command.mode.spelling());
    }
    if (command.config != null) {
      request.put("config", cwd.resolve(command.config).toString());
    }
    if (command.root != null) {
      request.put("root", cwd.resolve(command.root).toString());
    }
    request.put("maxFiles", (long) command.maxFiles);
    request.put("maxFileSize", command.maxFileSize);
    request.put("minFree", command.minFree);
    return Optional.of(request);
  }

  /** Prints {@code reply}; returns the exit code, or empty when the service left the capture to the command. */
  static Optional<Integer> print(Map<String, Object> reply, boolean json, PrintWriter out, PrintWriter err) {
    if (!Boolean.TRUE.equals(reply.get("ok"))) {
      long code = reply.get("code") instanceof Long c ? c : 1;
      if (code == CaptureService.LEFT_TO_THE_COMMAND) {
        return Optional.empty();
      }
      err.println("btsnap: " + reply.get("error"));
      return Optional.of((int) code);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> run = (Map<String, Object>) reply.get("run");
    for (Object warning : (List<?>) run.getOrDefault("warnings", List.of())) {
      err.println("btsnap: warning: " + warning);
    }
    for (Object unresolved : (List<?>) run.getOrDefault("unresolved", List.of())) {
      err.println("btsnap: warning: unresolved import " + unresolved);
    }
    out.println(json ? Json.write(run) : run.get("id"));
    return Optional.of(0);
  }
}
