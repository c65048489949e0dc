package io.btsnap.ui.internal.page;

import io.btsnap.ui.internal.http.HttpError;
import io.btsnap.ui.internal.http.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** The stylesheet and script of the pages, served from the jar: the page fetches nothing else. */
public final class AssetFiles {
  private static final Map<String, String> TYPES = Map.of(
      "ui.css", "text/css; charset=utf-8",
      "ui.js", "text/javascript; charset=utf-8");

  private AssetFiles() {}

  /** Answers {@code /assets/NAME}; 404 for any name but the known files. */
  public static Reply render(String name) throws IOException {
    String type = TYPES.get(name);
    if (type == null) {
      throw HttpError.notFound("no asset " + name);
    }
    try (InputStream in = AssetFiles.class.getResourceAsStream("/io/btsnap/ui/assets/" + name)) {
      if (in == null) {
        throw new IOException("asset " + name + " is missing from the jar");
      }
      // The jar does not change while the server runs: the browser may keep them for a while.
      return new Reply(200, type, in.readAllBytes(), Map.of("Cache-Control", "max-age=300"));
    }
  }
}
