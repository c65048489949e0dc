package io.btsnap.cli;

import io.btsnap.json.Json;
import io.btsnap.remote.Remote;
import io.btsnap.remote.Remotes;
import io.btsnap.store.Store;
import io.btsnap.store.codec.RunJson;
import io.btsnap.store.model.Run;
import io.btsnap.store.query.RunQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code ls --remote NAME}: a remote's runs, filtered and sorted as {@code ls} does, without pulling. */
final class RemoteListing {
  private RemoteListing() {}

  static void print(Store store, String name, RunQuery query, int limit, boolean json, OutputStream raw, PrintWriter out,
      java.util.Map<String, String> environment) throws IOException {
    List<Run> runs = new ArrayList<>();
    // An encrypted remote's passphrase: from the environment, else asked at a terminal.
    try (Remote remote = Remote.open(Remotes.of(store.location()).choose(Optional.of(name)), io.btsnap.remote.Credentials.DEFAULT,
        io.btsnap.cli.remote.PassphraseOptions.fromEnvironment(environment))) {
      for (Run run : remote.runs()) {
        if (query.matches(run)) {
          runs.add(run);
        }
      }
    }
    if (query.sortBy().isPresent()) {
      runs.sort(query.order());
    }
    runs = runs.subList(0, Math.min(limit, runs.size()));
    if (json) {
      Json.ArrayWriter array = new Json.ArrayWriter(raw);
      for (Run run : runs) {
        array.addObject(fields -> RunJson.summary(run, null, fields));
      }
      array.end();
      return;
    }
    out.printf("%-22s  %-19s  %-7s  %-24s  %s%n", "ID", "CREATED (UTC)", "MODE", "ENTRY", "PARAMS  [LABELS]");
    for (Run run : runs) {
      StringBuilder params = new StringBuilder();
      run.params().forEach((k, v) -> params.append(params.length() == 0 ? "" : " ").append(k).append('=').append(v));
      String labels = run.labels().isEmpty() ? "" : "  " + run.labels().toString().replace(", ", " ").replace('{', '[').replace('}', ']');
      out.printf("%-22s  %-19s  %-7s  %-24s  %s%s%n", run.id(), run.created().toString().substring(0, 19).replace('T', ' '),
          run.mode().spelling(), run.entry().isEmpty() ? "-" : run.entry(), params, labels);
    }
    out.flush();
  }
}
