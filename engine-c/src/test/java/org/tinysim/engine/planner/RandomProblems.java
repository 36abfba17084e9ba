package org.tinysim.engine.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Seeded random planning problems: lifetimes over up to 16 ops, sizes up to 2 KiB, and roughly a
 * third of buffers claiming an in-place slot, most of them chosen so the claim can be legal.
 */
final class RandomProblems {

  private static final int[] ALIGNMENTS = {4, 8, 16};

  /**
   * @param uniformAlignment whether every buffer of the problem has the same alignment
   */
  record Problem(long seed, List<BufferRequest> requests, boolean uniformAlignment) {}

  private RandomProblems() {}

  static Problem generate(long seed) {
    Random rnd = new Random(seed);
    int ops = 1 + rnd.nextInt(16);
    int count = 1 + rnd.nextInt(30);
    boolean uniform = rnd.nextBoolean();
    int sharedAlignment = ALIGNMENTS[rnd.nextInt(ALIGNMENTS.length)];
    List<BufferRequest> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int first = rnd.nextInt(ops);
      int last = first + rnd.nextInt(ops - first);
      long size = rnd.nextInt(4) == 0 ? 4L * (1 + rnd.nextInt(512)) : 1 + rnd.nextInt(2048);
      int alignment = uniform ? sharedAlignment : ALIGNMENTS[rnd.nextInt(ALIGNMENTS.length)];
      requests.add(BufferRequest.of("t" + i, size, first, last).withAlignment(alignment));
    }
    for (int i = 0; i < count && count > 1; i++) {
      if (rnd.nextInt(3) == 0) {
        requests.set(i, withClaim(requests, i, rnd));
      }
    }
    return new Problem(seed, List.copyOf(requests), uniform);
  }

  private static BufferRequest withClaim(
      List<BufferRequest> requests, int outputIndex, Random rnd) {
    BufferRequest output = requests.get(outputIndex);
    List<BufferRequest> handOvers =
        requests.stream().filter(r -> r != output && r.lastUse() == output.firstUse()).toList();
    if (!handOvers.isEmpty() && rnd.nextInt(4) != 0) {
      BufferRequest input = handOvers.get(rnd.nextInt(handOvers.size()));
      long size = rnd.nextInt(10) < 7 ? 1 + rnd.nextLong(input.sizeBytes()) : output.sizeBytes();
      return new BufferRequest(
          output.id(),
          size,
          output.firstUse(),
          output.lastUse(),
          output.alignment(),
          Optional.of(input.id()));
    }
    int inputIndex = (outputIndex + 1 + rnd.nextInt(requests.size() - 1)) % requests.size();
    return output.inPlaceOf(requests.get(inputIndex).id());
  }

  /**
   * Max over ops of the bytes live buffers need, counting an applied hand-over's shared bytes once.
   * No plan honouring the lifetimes can have a smaller arena.
   */
  static long lowerBound(List<BufferRequest> requests, Map<String, String> applied) {
    int lastOp = requests.stream().mapToInt(BufferRequest::lastUse).max().orElse(-1);
    long best = 0;
    for (int op = 0; op <= lastOp; op++) {
      long live = 0;
      for (BufferRequest r : requests) {
        if (r.liveAt(op)) {
          live += r.sizeBytes();
          boolean handOverNow = applied.containsKey(r.id()) && r.firstUse() == op;
          live -= handOverNow ? r.sizeBytes() : 0; // output sits inside its input's bytes
        }
      }
      best = Math.max(best, live);
    }
    return best;
  }
}
