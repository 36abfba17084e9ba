package org.tinysim.engine.planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Builds the per-op view of a plan. */
final class OccupancyReport {

  private OccupancyReport() {}

  static List<OpOccupancy> perOp(List<Placement> placements) {
    int lastOp = placements.stream().mapToInt(p -> p.request().lastUse()).max().orElse(-1);
    List<OpOccupancy> rows = new ArrayList<>(lastOp + 1);
    long highWater = 0;
    for (int op = 0; op <= lastOp; op++) {
      final int at = op;
      List<Placement> live =
          placements.stream()
              .filter(p -> p.request().liveAt(at))
              .sorted(Comparator.comparingLong(Placement::offset).thenComparing(Placement::id))
              .toList();
      long top = live.stream().mapToLong(Placement::end).max().orElse(0);
      highWater = Math.max(highWater, top);
      rows.add(new OpOccupancy(op, live, coveredBytes(live), top, highWater));
    }
    return rows;
  }

  /** Union length of address ranges; {@code sorted} must be ordered by offset. */
  private static long coveredBytes(List<Placement> sorted) {
    long covered = 0;
    long reach = 0;
    for (Placement p : sorted) {
      long start = Math.max(p.offset(), reach);
      if (p.end() > start) {
        covered += p.end() - start;
      }
      reach = Math.max(reach, p.end());
    }
    return covered;
  }
}
