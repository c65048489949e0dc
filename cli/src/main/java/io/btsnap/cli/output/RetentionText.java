package io.btsnap.cli.output;

import io.btsnap.store.model.RetentionPolicy;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How {@code store gc} and {@code remote gc} show retention's decisions, as text and as JSON. */
public final class RetentionText {
  private RetentionText() {}

  /**
   * Prints each run retention deletes with its reason; in a dry run also each run only a pin or
   * a label kept, the ones a person checks before the real gc.
   */
  public static void print(PrintWriter out, List<RetentionPolicy.Decision> decisions, boolean dryRun) {
    for (RetentionPolicy.Decision d : decisions) {
      if (!d.keep()) {
        out.println("  run " + d.run().id() + "  " + d.reason());
      }
    }
    if (dryRun) {
      for (RetentionPolicy.Decision d : decisions) {
        if (d.keep() && (d.reason().equals("pinned") || d.reason().startsWith("keep-label"))) {
          out.println("  keep " + d.run().id() + "  " + d.reason());
        }
      }
    }
  }

  /** Every decision: run, keep, reason. */
  public static List<Object> json(List<RetentionPolicy.Decision> decisions) {
    List<Object> list = new ArrayList<>();
    for (RetentionPolicy.Decision d : decisions) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("run", d.run().id().value());
      item.put("keep", d.keep());
      item.put("reason", d.reason());
      list.add(item);
    }
    return list;
  }
}
