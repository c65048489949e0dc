package io.btsnap.capture.pipeline;

import io.btsnap.capture.GitState;
import io.btsnap.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Records the project's git commit and whether the captured files differ from it. */
public final class GitStateStep implements CaptureStep {
  @Override
  public Addition before(Store store, CaptureRequest request, CaptureContent content) {
    List<String> paths = content.manifest().entries().stream().map(e -> e.path().value()).toList();
    return new Addition(GitState.of(gitRoot(request, content.selection().root()), paths, content.manifest().id().hex()),
        List.of());
  }

  /**
   * Where to read the project's git state: an engine's copy leaves {@code .git} out (Ray's
   * working_dir does), so the folder it copies is read when it is on this machine; elsewhere the
   * copy, which then records no git state rather than another project's.
   */
  private static Path gitRoot(CaptureRequest request, Path selected) {
    return request.rootAs().filter(Files::isDirectory).flatMap(original -> {
      try {
        return Optional.of(original.toRealPath());
      } catch (IOException e) {
        return Optional.empty();
      }
    }).orElse(selected);
  }
}
