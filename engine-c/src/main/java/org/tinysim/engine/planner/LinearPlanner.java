package org.tinysim.engine.planner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Baseline: every buffer gets its own slot, in request order, as if nothing were ever freed. Its
 * arena is the upper bound the other planners are measured against.
 */
public final class LinearPlanner implements MemoryPlanner {

  @Override
  public String name() {
    return "linear";
  }

  @Override
  public MemoryPlan plan(List<BufferRequest> requests) {
    RequestChecks.indexById(requests);
    List<Placement> placements = new ArrayList<>(requests.size());
    Map<String, String> rejected = new LinkedHashMap<>();
    long cursor = 0;
    for (BufferRequest r : requests) {
      long offset = Align.up(cursor, r.alignment());
      placements.add(new Placement(r, offset));
      cursor = offset + r.sizeBytes();
      r.inPlaceOf()
          .ifPresent(input -> rejected.put(r.id(), "the linear planner never shares slots"));
    }
    return new MemoryPlan(name(), placements, Map.of(), rejected);
  }
}
