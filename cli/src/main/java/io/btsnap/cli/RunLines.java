package io.btsnap.cli;

import io.btsnap.store.query.MetricText;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Run;
import io.btsnap.store.Store;
import io.btsnap.store.model.BlobId;
import io.btsnap.store.model.Run;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The text columns of {@code ls}: one line per run, the metric columns chosen from a sample. */
final class RunLines {
  /** Wide enough for most entry files; a longer one pushes its own line's parameters right. */
  private static final int ENTRY_WIDTH = 24;
  private static final int MAX_METRIC_COLUMNS = 3;
  private static final int METRIC_WIDTH = 9;

  private final Store store;
  private final Map<BlobId, Integer> fileCounts;
  private final Optional<String> sortedBy;
  private final Optional<List<String>> chosen;
  private final StringBuilder line = new StringBuilder(160);
  private List<String> metrics = List.of();

  RunLines(Store store, Map<BlobId, Integer> fileCounts, Optional<String> sortedBy, Optional<List<String>> chosen) {
    this.store = store;
    this.fileCounts = fileCounts;
    this.sortedBy = sortedBy;
    this.chosen = chosen;
  }

  /**
   * Takes the columns the user chose, else the sorted metric and then those most of {@code
   * sample} have (ties: first seen), at most three.
   */
  void chooseColumns(List<Run> sample) {
    if (chosen.isPresent()) {
      metrics = chosen.get().stream().map(String::strip).filter(m -> !m.isEmpty()).distinct().toList();
      return;
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Run run : sample) {
      run.metrics().keySet().forEach(m -> counts.merge(m, 1, Integer::sum));
    }
    List<String> columns = new ArrayList<>();
    sortedBy.ifPresent(columns::add);
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
        .map(Map.Entry::getKey)
        .filter(m -> !columns.contains(m))
        .limit(MAX_METRIC_COLUMNS - columns.size())
        .forEach(columns::add);
    metrics = List.copyOf(columns);
  }

  String header() {
    line.setLength(0);
    pad("ID", 22).append("  ");
    pad("CREATED (UTC)", 19).append("  ");
    pad("MODE", 7).append("  ").append("FILES  PIN  ");
    for (String m : metrics) {
      right(m.toUpperCase(Locale.ROOT), width(m)).append("  ");
    }
    pad("ENTRY", ENTRY_WIDTH).append("  PARAMS  [LABELS]");
    return line.toString();
  }

  /** One run's line; one format per line is most of the time of listing 100k runs, so columns are padded by hand. */
  CharSequence line(Run run) throws IOException {
    line.setLength(0);
    pad(run.id().value(), 22).append("  ");
    pad(run.created().toString().substring(0, 19).replace('T', ' '), 19).append("  ");
    pad(run.mode().spelling(), 7).append("  ");
    right(String.valueOf(LsCommand.fileCount(store, run, fileCounts)), 5).append("  ");
    pad(run.pinned() ? "yes" : "", 3).append("  ");
    for (String m : metrics) {
      Double v = run.metrics().get(m);
      right(v == null ? "-" : MetricText.rounded(v), width(m)).append("  ");
    }
    pad(run.entry().isEmpty() ? "-" : run.entry(), ENTRY_WIDTH).append(' ');
    run.params().forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
    if (!run.labels().isEmpty()) {
      line.append("  [");
      boolean firstLabel = true;
      for (Map.Entry<String, String> l : run.labels().entrySet()) {
        line.append(firstLabel ? "" : " ").append(l.getKey()).append('=').append(l.getValue());
        firstLabel = false;
      }
      line.append(']');
    }
    return line;
  }

  /** Room for a rounded value ({@code -1.234e-05}) or the name, whichever is wider. */
  private static int width(String metric) {
    return Math.max(METRIC_WIDTH, metric.length());
  }

  private StringBuilder pad(String text, int width) {
    return line.append(text).append(" ".repeat(Math.max(0, width - text.length())));
  }

  private StringBuilder right(String text, int width) {
    return line.append(" ".repeat(Math.max(0, width - text.length()))).append(text);
  }
}
