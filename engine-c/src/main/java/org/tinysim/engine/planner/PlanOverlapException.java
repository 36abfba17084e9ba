package org.tinysim.engine.planner;

/**
 * A plan puts two simultaneously live buffers on the same bytes: generated code would corrupt data.
 */
public final class PlanOverlapException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  PlanOverlapException(String message) {
    super(message);
  }
}
