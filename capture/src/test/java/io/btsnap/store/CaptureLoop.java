package io.btsnap.store;

import io.btsnap.capture.pipeline.CapturePipeline;
import io.btsnap.capture.pipeline.CaptureRequest;
import io.btsnap.store.model.Run;
import java.nio.file.Path;
import java.util.Map;

/** A child process for tests: captures runs in a loop and prints each id once it is committed. */
public final class CaptureLoop {
  private CaptureLoop() {}

  /** Arguments: store folder, entry file, number of captures. */
  public static void main(String[] args) throws Exception {
    try (Store store = Store.open(Path.of(args[0]))) {
      int count = Integer.parseInt(args[1 + 1]);
      for (int i = 0; i < count; i++) {
        Run run = CapturePipeline.standard(store).capture(CaptureRequest.of(Path.of(args[1])).withParams(Map.of("i", "" + i))).run();
        System.out.println(run.id());
        System.out.flush();
      }
    }
  }
}
