package org.tinysim.harness.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Arena occupancy op by op, as the planner laid it out.
 *
 * @param arenaBytes size of the arena (the peak of all ops' live tops)
 * @param peakOp first op whose live buffers reach the top of the arena, -1 if none
 * @param columns one per op index
 * @param arenaByPlan arena bytes the same graph needs under each plan the generator can make (e.g.
 *     linear, greedy, greedy + in-place), in display order; may be empty
 */
public record MemoryTimeline(
    long arenaBytes, int peakOp, List<OpColumn> columns, Map<String, Long> arenaByPlan) {

  public MemoryTimeline {
    columns = List.copyOf(columns);
    arenaByPlan = Collections.unmodifiableMap(new LinkedHashMap<>(arenaByPlan));
  }

  public MemoryTimeline(long arenaBytes, int peakOp, List<OpColumn> columns) {
    this(arenaBytes, peakOp, columns, Map.of());
  }

  /** Buffers live while one op runs, with the bytes they cover (shared bytes counted once). */
  public record OpColumn(int op, List<LiveBuffer> live, long bytesInUse) {
    public OpColumn {
      live = List.copyOf(live);
    }
  }

  /**
   * One live buffer.
   *
   * @param id the planner's buffer id (t12, op3/scratch), stable across ops
   * @param label what a person recognises: tensor name and shape, or "scratch of op 3"
   * @param scratch a kernel's temporary buffer rather than a tensor
   */
  public record LiveBuffer(
      String id,
      String label,
      long offset,
      long bytes,
      int firstUse,
      int lastUse,
      boolean scratch) {
    public long end() {
      return offset + bytes;
    }
  }
}
