package io.btsnap.ui.internal.page;

import io.btsnap.store.model.ManifestEntry;
import io.btsnap.store.model.Run;
import io.btsnap.store.Store;
import io.btsnap.ui.internal.http.Html;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** A run's files as a folder tree, each file opening onto its source, escaped. */
final class FileTree {
  /** Files larger than this are named, not shown: a data file would make the page unusable. */
  static final long MAX_SHOWN = 512 * 1024;

  private FileTree() {}

  /** Returns the tree of {@code entries} (sorted by path, as a manifest is). */
  static String of(Store store, Run run, List<ManifestEntry> entries) throws IOException {
    StringBuilder out = new StringBuilder("<div class=\"tree\" id=\"files\">\n");
    List<String> open = new java.util.ArrayList<>();
    for (ManifestEntry entry : entries) {
      String[] parts = entry.path().value().split("/");
      List<String> folders = List.of(parts).subList(0, parts.length - 1);
      int common = 0;
      while (common < open.size() && common < folders.size() && open.get(common).equals(folders.get(common))) {
        common++;
      }
      while (open.size() > common) {
        out.append("</div></details>\n");
        open.remove(open.size() - 1);
      }
      for (int i = common; i < folders.size(); i++) {
        out.append("<details class=\"folder\" open><summary>").append(Html.text(folders.get(i))).append("/</summary><div>\n");
        open.add(folders.get(i));
      }
      file(out, store, run, entry, parts[parts.length - 1]);
    }
    for (int i = 0; i < open.size(); i++) {
      out.append("</div></details>\n");
    }
    return out.append("</div>\n").toString();
  }

  private static void file(StringBuilder out, Store store, Run run, ManifestEntry entry, String name) throws IOException {
    out.append("<details class=\"file\" data-path=\"").append(Html.text(entry.path().value())).append("\"><summary>")
        .append(Html.text(name)).append(" <span class=\"muted\">").append(entry.size()).append(" B")
        .append(entry.executable() ? ", executable" : "").append(", ").append(entry.blob().shortForm())
        .append("</span></summary>");
    if (entry.size() > MAX_SHOWN) {
      out.append("<p class=\"muted\">too large to show here: btsnap cat ").append(Html.text(run.id().value())).append(' ')
          .append(Html.text(entry.path().value())).append("</p>");
    } else {
      Optional<String> text = text(store.blob(entry.blob()));
      if (text.isPresent()) {
        out.append("<pre class=\"source\"><code>").append(Html.text(text.get())).append("</code></pre>");
      } else {
        out.append("<p class=\"muted\">binary file</p>");
      }
    }
    out.append("</details>\n");
  }

  /** Returns the bytes as text when they are UTF-8 without NUL. */
  static Optional<String> text(byte[] content) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content)).toString();
      return text.indexOf('\0') >= 0 ? Optional.empty() : Optional.of(text);
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
