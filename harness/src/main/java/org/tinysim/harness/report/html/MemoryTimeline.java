package org.tinysim.harness.report.html;

import java.util.List;

/**
 * Arena occupancy op by op, as the planner laid it out.
 *
 * @param arenaBytes size of the arena (the peak of all ops' live tops)
 * @param peakOp     first op whose live buffers reach the top of the arena, -1 if none
 * @param columns    one per op index
 */
public record MemoryTimeline(long arenaBytes, int peakOp, List<OpColumn> columns) {

  public MemoryTimeline {
    columns = List.copyOf(columns);
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
   * @param id    the planner's buffer id (t12, op3/scratch), stable across ops
   * @param label what a person recognises: tensor name and shape, or "scratch of op 3"
   * @param scratch a kernel's temporary buffer rather than a tensor
   */
  public record LiveBuffer(String id, String label, long offset, long bytes, int firstUse,
      int lastUse, boolean scratch) {
    public long end() {
      return offset + bytes;
    }
  }
}
