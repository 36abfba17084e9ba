package org.tinysim.engine.planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Greedy-by-size placement in the style of TF Lite Micro's planner: largest slot first, each at the
 * lowest aligned offset whose bytes are free for the slot's whole lifetime. Big buffers placed
 * early leave the small ones to fill the holes.
 *
 * <p>Ties in size are broken by first use, then by id, so the plan does not depend on the order of
 * the request list. In-place chains (see {@link InPlaceRule}) are placed as one unit at one offset.
 *
 * <p>Cost: O(g * k^2) for g slots with up to k time-overlapping neighbours; fine for a few hundred
 * tensors.
 */
public final class GreedyPlanner implements MemoryPlanner {

  private static final Comparator<SlotGroup> ORDER =
      Comparator.comparingLong(SlotGroup::sizeBytes)
          .reversed()
          .thenComparingInt(SlotGroup::firstUse)
          .thenComparing(g -> g.head().id());

  @Override
  public String name() {
    return "greedy";
  }

  @Override
  public MemoryPlan plan(List<BufferRequest> requests) {
    SlotGroups resolved = SlotGroups.resolve(RequestChecks.indexById(requests));
    List<SlotGroup> order = new ArrayList<>(resolved.groups);
    order.sort(ORDER);

    List<Placement> placed = new ArrayList<>();
    Map<String, Long> offsets = new HashMap<>();
    for (SlotGroup group : order) {
      long offset = lowestFreeOffset(group, placed);
      for (BufferRequest member : group.members()) {
        placed.add(new Placement(member, offset));
        offsets.put(member.id(), offset);
      }
    }
    List<Placement> inRequestOrder =
        requests.stream().map(r -> new Placement(r, offsets.get(r.id()))).toList();
    return new MemoryPlan(name(), inRequestOrder, resolved.applied, resolved.rejected);
  }

  /**
   * The lowest feasible aligned offset is either 0 or the aligned end of some clashing neighbour:
   * if it were anything else, one alignment step lower would also be free.
   */
  private static long lowestFreeOffset(SlotGroup group, List<Placement> placed) {
    Map<BufferRequest, List<Placement>> neighbours = new HashMap<>();
    TreeSet<Long> candidates = new TreeSet<>(List.of(0L));
    for (BufferRequest member : group.members()) {
      List<Placement> live =
          placed.stream().filter(p -> p.request().overlapsInTime(member)).toList();
      neighbours.put(member, live);
      live.forEach(p -> candidates.add(Align.up(p.end(), group.alignment())));
    }
    for (long candidate : candidates) {
      if (fits(group, candidate, neighbours)) {
        return candidate;
      }
    }
    throw new IllegalStateException("unreachable: the highest candidate is above every neighbour");
  }

  private static boolean fits(
      SlotGroup group, long offset, Map<BufferRequest, List<Placement>> neighbours) {
    for (BufferRequest member : group.members()) {
      Placement trial = new Placement(member, offset);
      if (neighbours.get(member).stream().anyMatch(trial::overlapsInAddress)) {
        return false;
      }
    }
    return true;
  }
}
