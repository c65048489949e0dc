package io.btsnap.cli.store;

import io.btsnap.cli.options.GlobalOptions;
import io.btsnap.cli.options.JsonOption;
import io.btsnap.cli.output.Plural;
import io.btsnap.json.Json;
import io.btsnap.store.Store;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.EngineEntry;
import io.btsnap.store.model.OrphanFile;
import io.btsnap.store.model.Problem;
import io.btsnap.store.model.SecretFinding;
import io.btsnap.store.model.VerifyReport;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Checks every invariant of the store; exit 1 when any is broken. */
@Command(
    name = "verify",
    description = {
      "Re-hash every blob and check every reference; exit 1 with one line per problem.",
      "A store other users can read is a problem too ('btsnap store chmod --private' fixes it).",
      "Runs whose entry is an engine's file (captured in a worker by an earlier btsnap) are listed, not problems."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  btsnap store verify", "  btsnap store verify --secrets --json"})
final class StoreVerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Option(names = "--secrets", description = "Also read every blob for credentials and list the runs that hold one.")
  boolean secrets;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    VerifyReport report;
    List<SecretFinding> found = List.of();
    try (Store store = GlobalOptions.of(spec).openStore()) {
      report = store.verify();
      if (secrets) {
        found = store.findSecrets();
      }
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
      object.put("engineEntries", report.engineEntries().stream().map(StoreVerifyCommand::engineEntry).toList());
      if (secrets) {
        object.put("secrets", found.stream().map(StoreVerifyCommand::secret).toList());
      }
      out.println(Json.write(object));
    } else {
      report.problems().forEach(p -> out.println(p.describe()));
      report.reclaimable().forEach(o -> out.println(o.describe()));
      report.inTrash().forEach(id -> out.println(
          "blob " + id.hex() + " is in trash/, where an interrupted gc left it; the next gc or capture puts it back"));
      found.forEach(f -> out.println(f.describe()));
      report.engineEntries().forEach(e -> out.println(e.describe()));
      if (report.isClean() && found.isEmpty()) {
        out.printf(
            "ok: %s, %s, %s verified%n", Plural.of(report.runs(), "run"), Plural.of(report.manifests(), "manifest"),
            Plural.of(report.blobs(), "blob"));
      }
    }
    if (!report.isClean() || !found.isEmpty()) {
      spec.commandLine().getErr().println("btsnap: store verify found " + Plural.of(report.problems().size(), "problem")
          + (secrets ? " and " + Plural.of(found.size(), "secret") : ""));
      return 1;
    }
    return 0;
  }

  private static Map<String, Object> secret(SecretFinding f) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("path", f.path());
    json.put("rule", f.rule());
    json.put("runs", f.runs().stream().map(r -> r.value()).toList());
    return json;
  }

  private static Map<String, Object> engineEntry(EngineEntry e) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("run", e.run().value());
    json.put("entry", e.entry());
    return json;
  }

  private static Map<String, Object> orphan(OrphanFile o) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("path", o.file().toString());
    json.put("kind", o.kind());
    json.put("bytes", o.bytes());
    return json;
  }

}
