package org.tinysim.engine.planner;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Result of planning: one fixed offset per buffer in a single static arena.
 *
 * @param planner name of the planner that produced it
 * @param placements one per request, in request order
 * @param inPlaceApplied output id -> input id for every in-place claim that was honoured; the code
 *     generator must emit the in-place kernel variant exactly for these
 * @param inPlaceRejected output id -> reason for every in-place claim that was refused
 */
public record MemoryPlan(
    String planner,
    List<Placement> placements,
    Map<String, String> inPlaceApplied,
    Map<String, String> inPlaceRejected) {

  public MemoryPlan {
    Objects.requireNonNull(planner, "planner");
    placements = List.copyOf(placements);
    inPlaceApplied = Map.copyOf(inPlaceApplied);
    inPlaceRejected = Map.copyOf(inPlaceRejected);
  }

  /** Bytes the static arena must have: the end of the highest buffer. */
  public long arenaSize() {
    return placements.stream().mapToLong(Placement::end).max().orElse(0);
  }

  public Placement placement(String id) {
    return placements.stream()
        .filter(p -> p.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("no buffer '" + id + "' in plan"));
  }

  public long offsetOf(String id) {
    return placement(id).offset();
  }

  /**
   * Checks that no two buffers live at the same op share a byte. The one exception is an applied
   * in-place pair at the same offset that satisfies {@link InPlaceRule}.
   *
   * @throws PlanOverlapException naming the first clashing pair
   */
  public void verifyNoOverlap() {
    for (int i = 0; i < placements.size(); i++) {
      for (int j = i + 1; j < placements.size(); j++) {
        Placement a = placements.get(i);
        Placement b = placements.get(j);
        if (a.clashesWith(b) && !isLegalHandOver(a, b) && !isLegalHandOver(b, a)) {
          throw new PlanOverlapException(clashMessage(a, b));
        }
      }
    }
  }

  /**
   * @throws IllegalStateException if an offset violates its buffer's alignment
   */
  public void verifyAligned() {
    for (Placement p : placements) {
      if (p.offset() % p.request().alignment() != 0) {
        throw new IllegalStateException(
            "buffer " + p.describe() + " is not aligned to " + p.request().alignment() + " B");
      }
    }
  }

  /** One row per op index 0..max lastUse. */
  public List<OpOccupancy> perOpReport() {
    return OccupancyReport.perOp(placements);
  }

  /**
   * The first op whose live buffers reach the top of the arena, i.e. the op that sets the arena
   * size. For an empty plan, a row with op -1 and nothing live.
   */
  public OpOccupancy liveAtPeak() {
    long arena = arenaSize();
    return perOpReport().stream()
        .filter(row -> row.liveTop() == arena)
        .min(Comparator.comparingInt(OpOccupancy::op))
        .orElse(new OpOccupancy(-1, List.of(), 0, 0, 0));
  }

  public FitReport fitsIn(long limitBytes) {
    return new FitReport(limitBytes, arenaSize(), liveAtPeak());
  }

  /** ASCII timeline, at most 64 address columns wide. */
  public String renderTimeline() {
    return renderTimeline(64);
  }

  public String renderTimeline(int maxColumns) {
    return TimelineRenderer.render(this, maxColumns);
  }

  private boolean isLegalHandOver(Placement input, Placement output) {
    return input.id().equals(inPlaceApplied.get(output.id()))
        && input.offset() == output.offset()
        && InPlaceRule.isLegal(input.request(), output.request());
  }

  private static String clashMessage(Placement a, Placement b) {
    int from = Math.max(a.request().firstUse(), b.request().firstUse());
    int to = Math.min(a.request().lastUse(), b.request().lastUse());
    long lo = Math.max(a.offset(), b.offset());
    long hi = Math.min(a.end(), b.end());
    return "buffers "
        + a.describe()
        + " and "
        + b.describe()
        + " are both live at ops "
        + from
        + ".."
        + to
        + " and share bytes ["
        + lo
        + ", "
        + hi
        + ")";
  }
}
