package org.tinysim.engine.planner;

import java.util.List;

/**
 * Assigns every buffer a fixed offset in one static arena. Implementations must be deterministic.
 */
public interface MemoryPlanner {

  /** Short name shown in reports, e.g. "greedy". */
  String name();

  /**
   * @param requests buffers with unique ids; {@code inPlaceOf} must name a buffer in the list
   * @return a plan listing placements in the order of {@code requests}
   */
  MemoryPlan plan(List<BufferRequest> requests);
}
