package org.tinysim.engine.planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves in-place claims into {@link SlotGroup}s, applying {@link InPlaceRule} and recording why
 * refused claims were refused. Claims are visited in (output firstUse, output id) order so the
 * result does not depend on the order of the request list.
 */
final class SlotGroups {

  final List<SlotGroup> groups;
  final Map<String, String> applied;
  final Map<String, String> rejected;

  private SlotGroups(
      List<SlotGroup> groups, Map<String, String> applied, Map<String, String> rejected) {
    this.groups = groups;
    this.applied = applied;
    this.rejected = rejected;
  }

  static SlotGroups resolve(Map<String, BufferRequest> byId) {
    Map<String, List<BufferRequest>> chainOf = new HashMap<>();
    byId.values().forEach(r -> chainOf.put(r.id(), new ArrayList<>(List.of(r))));
    Map<String, String> applied = new LinkedHashMap<>();
    Map<String, String> rejected = new LinkedHashMap<>();

    List<BufferRequest> claims =
        byId.values().stream()
            .filter(r -> r.inPlaceOf().isPresent())
            .sorted(
                Comparator.comparingInt(BufferRequest::firstUse).thenComparing(BufferRequest::id))
            .toList();
    for (BufferRequest output : claims) {
      BufferRequest input = byId.get(output.inPlaceOf().orElseThrow());
      List<BufferRequest> inputChain = chainOf.get(input.id());
      List<BufferRequest> outputChain = chainOf.get(output.id());
      Optional<String> refusal =
          InPlaceRule.whyIllegal(input, output)
              .or(
                  () ->
                      inputChain == outputChain
                          ? Optional.of(
                              "'"
                                  + input.id()
                                  + "' already sits in the slot of '"
                                  + output.id()
                                  + "'")
                          : Optional.empty())
              .or(() -> alreadyTaken(input, inputChain))
              .or(() -> clashWithinChain(inputChain, outputChain, input, output));
      if (refusal.isPresent()) {
        rejected.put(output.id(), refusal.get());
        continue;
      }
      inputChain.addAll(outputChain);
      outputChain.forEach(member -> chainOf.put(member.id(), inputChain));
      applied.put(output.id(), input.id());
    }

    List<SlotGroup> groups = new ArrayList<>();
    for (BufferRequest r : byId.values()) {
      List<BufferRequest> chain = chainOf.get(r.id());
      if (chain.get(0) == r) {
        groups.add(new SlotGroup(chain));
      }
    }
    return new SlotGroups(groups, applied, rejected);
  }

  /** The input must be the tail of its chain: otherwise another output already owns its slot. */
  private static Optional<String> alreadyTaken(
      BufferRequest input, List<BufferRequest> inputChain) {
    BufferRequest tail = inputChain.get(inputChain.size() - 1);
    return tail == input
        ? Optional.empty()
        : Optional.of(
            "slot of '"
                + input.id()
                + "' was already taken over by '"
                + inputChain.get(inputChain.indexOf(input) + 1).id()
                + "'");
  }

  private static Optional<String> clashWithinChain(
      List<BufferRequest> inputChain,
      List<BufferRequest> outputChain,
      BufferRequest input,
      BufferRequest output) {
    for (BufferRequest a : inputChain) {
      for (BufferRequest b : outputChain) {
        boolean handOver = a == input && b == output;
        if (!handOver && a.overlapsInTime(b)) {
          return Optional.of(
              "sharing would make '"
                  + a.id()
                  + "' and '"
                  + b.id()
                  + "' live at the same op in one slot");
        }
      }
    }
    return Optional.empty();
  }
}
