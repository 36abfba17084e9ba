package org.tinysim.engine.planner;

import java.util.List;

/**
 * Arena state while one op runs.
 *
 * @param op schedule index
 * @param live buffers live at this op, by ascending offset
 * @param bytesInUse bytes covered by live buffers (an in-place hand-over counts its shared bytes
 *     once)
 * @param liveTop end of the highest live buffer: the arena this op alone needs
 * @param highWaterSoFar max {@code liveTop} over ops 0..op
 */
public record OpOccupancy(
    int op, List<Placement> live, long bytesInUse, long liveTop, long highWaterSoFar) {

  public OpOccupancy {
    live = List.copyOf(live);
  }

  /** Bytes below {@code liveTop} that no live buffer uses: holes left by the planner. */
  public long gapBytes() {
    return liveTop - bytesInUse;
  }
}
