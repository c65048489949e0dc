package io.btsnap.cli.store;

import io.btsnap.cli.BtsnapCommand;
import io.btsnap.cli.JsonOption;
import io.btsnap.json.Json;
import io.btsnap.store.BlobId;
import io.btsnap.store.OrphanFile;
import io.btsnap.store.Problem;
import io.btsnap.store.Store;
import io.btsnap.store.VerifyReport;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Checks every invariant of the store; exit 1 when any is broken. */
@Command(
    name = "verify",
    description = "Re-hash every blob and check every reference; exit 1 with one line per problem.")
final class StoreVerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    VerifyReport report;
    try (Store store = BtsnapCommand.of(spec).openStore()) {
      report = store.verify();
    }
    if (json.enabled()) {
      Map<String, Object> object = new LinkedHashMap<>();
      object.put("clean", report.isClean());
      object.put("runs", report.runs());
      object.put("manifests", report.manifests());
      object.put("blobs", report.blobs());
      object.put("problems", report.problems().stream().map(Problem::describe).toList());
      object.put("reclaimable", report.reclaimable().stream().map(StoreVerifyCommand::orphan).toList());
      object.put("inTrash", report.inTrash().stream().map(BlobId::hex).toList());
      out.println(Json.write(object));
    } else {
      report.problems().forEach(p -> out.println(p.describe()));
      report.reclaimable().forEach(o -> out.println(o.describe()));
      report.inTrash().forEach(id -> out.println(
          "blob " + id.hex() + " is in trash/, where an interrupted gc left it; the next gc or capture puts it back"));
      if (report.isClean()) {
        out.printf(
            "ok: %d runs, %d manifests, %d blobs verified%n", report.runs(), report.manifests(), report.blobs());
      }
    }
    if (!report.isClean()) {
      spec.commandLine().getErr().println("btsnap: store verify found " + report.problems().size() + " problem(s)");
      return 1;
    }
    return 0;
  }

  private static Map<String, Object> orphan(OrphanFile o) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("path", o.file().toString());
    json.put("kind", o.kind());
    json.put("bytes", o.bytes());
    return json;
  }

}
