package io.btsnap.store.internal.verify;

import io.btsnap.secrets.SecretRules;
import io.btsnap.store.internal.blob.BlobFiles;
import io.btsnap.store.internal.index.Index;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Manifest;
import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.RunId;
import io.btsnap.store.model.SecretFinding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds stored files that look like credentials ({@link SecretRules}), with the runs that hold
 * them: what a capture would refuse today may have been captured before the rule existed, or
 * taken because it was named. Each blob is read once, however many manifests list it.
 */
public final class SecretScan {
  private final Index index;
  private final BlobFiles blobFiles;

  /** Creates a scan of {@code index} and {@code blobFiles}. */
  public SecretScan(Index index, BlobFiles blobFiles) {
    this.index = index;
    this.blobFiles = blobFiles;
  }

  /** Returns one finding per manifest path that looks like a secret, in path order. */
  public List<SecretFinding> scan() throws IOException {
    Map<BlobId, List<RunId>> runsByManifest = new LinkedHashMap<>();
    index.read(reader -> {
      reader.forEachRunNewestFirst(run -> runsByManifest.computeIfAbsent(run.manifest(), m -> new ArrayList<>()).add(run.id()));
      return null;
    });
    Map<BlobId, Optional<String>> byContent = new HashMap<>();
    Map<String, Map<String, List<RunId>>> found = new java.util.TreeMap<>();
    for (Map.Entry<BlobId, List<RunId>> e : runsByManifest.entrySet()) {
      Optional<Manifest> manifest = index.read(reader -> reader.manifest(e.getKey()));
      if (manifest.isEmpty()) {
        continue; // verify reports it
      }
      for (ManifestEntry entry : manifest.get().entries()) {
        Optional<String> rule = SecretRules.byName(entry.path().name());
        if (rule.isEmpty()) {
          rule = byContent.computeIfAbsent(entry.blob(), this::contentRule);
        }
        if (rule.isPresent()) {
          found.computeIfAbsent(entry.path().value(), p -> new LinkedHashMap<>())
              .computeIfAbsent(rule.get(), r -> new ArrayList<>()).addAll(e.getValue());
        }
      }
    }
    List<SecretFinding> findings = new ArrayList<>();
    found.forEach((path, rules) -> rules.forEach((rule, runs) -> findings.add(new SecretFinding(path, rule, runs))));
    return findings;
  }

  private Optional<String> contentRule(BlobId blob) {
    try {
      return SecretRules.byContent(blobFiles.read(blob));
    } catch (IOException e) {
      return Optional.empty(); // a missing or damaged blob is verify's to report
    }
  }
}
