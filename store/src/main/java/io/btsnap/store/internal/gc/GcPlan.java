package io.btsnap.store.internal.gc;

import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.OrphanFile;
import io.btsnap.store.model.RetentionPolicy;
import io.btsnap.store.model.RunId;
import java.util.List;
import java.util.Map;

/**
 * What one gc deletes, computed the same way for a dry run and a real one.
 *
 * @param runs runs the policy deletes
 * @param manifestRefs new reference counts of the manifests those runs referenced (0: delete)
 * @param blobRefs new reference counts of the blobs of deleted manifests (0: delete)
 * @param blobSizes stored sizes of the blobs in {@code blobRefs}
 * @param orphans unreferenced files past the grace period
 * @param decisions the policy's decision on every run, newest first
 */
record GcPlan(
    List<RunId> runs,
    Map<BlobId, Long> manifestRefs,
    Map<BlobId, Long> blobRefs,
    Map<BlobId, Long> blobSizes,
    List<OrphanFile> orphans,
    List<RetentionPolicy.Decision> decisions) {

  List<BlobId> deadManifests() {
    return manifestRefs.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).sorted().toList();
  }

  List<BlobId> deadBlobs() {
    return blobRefs.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).sorted().toList();
  }

  long bytesFreed() {
    long bytes = 0;
    for (BlobId id : deadBlobs()) {
      bytes += blobSizes.get(id);
    }
    for (OrphanFile o : orphans) {
      bytes += o.bytes();
    }
    return bytes;
  }
}
