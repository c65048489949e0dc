package io.btsnap.store.model;

import java.io.IOException;

/** Takes runs one at a time, as a walk over the store gives them. */
@FunctionalInterface
public interface RunVisitor {
  /** Takes {@code run}; a failure ends the walk. */
  void visit(Run run) throws IOException;
}
