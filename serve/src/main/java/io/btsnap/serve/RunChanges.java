package io.btsnap.serve;

import io.btsnap.serve.CaptureRequests.BadRequestException;
import io.btsnap.store.Store;
import io.btsnap.store.model.Run;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The service's {@code annotate} and {@code label} requests: results and labels set on a run
 * after its backtest, so a grid can record every run's metrics without a process per run.
 *
 * <pre>
 * {"op": "annotate", "run": "RUN", "metrics": {"sharpe": 1.42}}
 * {"op": "label", "run": "RUN", "set": {"keep": "yes"}, "remove": ["draft"]}
 * </pre>
 */
final class RunChanges {
  private RunChanges() {}

  static Run apply(Store store, Map<String, Object> json) throws IOException {
    String op = (String) json.get("op");
    Set<String> fields = op.equals("annotate") ? Set.of("op", "run", "metrics") : Set.of("op", "run", "set", "remove");
    for (String field : json.keySet()) {
      if (!fields.contains(field)) {
        throw new BadRequestException("unknown field '" + field + "' in " + op + " request");
      }
    }
    if (!(json.get("run") instanceof String ref)) {
      throw new BadRequestException(op + " request needs 'run'");
    }
    try {
      if (op.equals("annotate")) {
        return store.annotate(ref, metrics(json.get("metrics")));
      }
      return store.relabel(ref, labels(json.get("set")), removed(json.get("remove")));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
  }

  private static Map<String, Double> metrics(Object value) {
    if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
      throw new BadRequestException("'metrics' must be an object of numbers");
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getValue() instanceof Number n)) {
        throw new BadRequestException("metric " + e.getKey() + " must be a number");
      }
      metrics.put((String) e.getKey(), n.doubleValue());
    }
    return metrics;
  }

  private static Map<String, String> labels(Object value) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (value == null) {
      return labels;
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new BadRequestException("'set' must be an object of strings");
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getValue() instanceof String s)) {
        throw new BadRequestException("label " + e.getKey() + " must be a string");
      }
      labels.put((String) e.getKey(), s);
    }
    return labels;
  }

  private static List<String> removed(Object value) {
    List<String> keys = new ArrayList<>();
    if (value == null) {
      return keys;
    }
    if (!(value instanceof List<?> list)) {
      throw new BadRequestException("'remove' must be a list of label keys");
    }
    for (Object key : list) {
      if (!(key instanceof String s)) {
        throw new BadRequestException("'remove' must be a list of label keys");
      }
      keys.add(s);
    }
    return keys;
  }
}
