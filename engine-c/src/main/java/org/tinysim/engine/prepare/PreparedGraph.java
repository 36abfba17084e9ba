package org.tinysim.engine.prepare;

import java.util.List;
import org.tinysim.engine.ir.Graph;

/** A graph whose operators (same order as {@link Graph#ops()}) carry their prepared params. */
public record PreparedGraph(Graph graph, List<PreparedOp> ops) {

  public PreparedGraph {
    ops = List.copyOf(ops);
  }

  /** Prepared operator at execution index {@code index}. */
  public PreparedOp op(int index) {
    return ops.get(index);
  }
}
