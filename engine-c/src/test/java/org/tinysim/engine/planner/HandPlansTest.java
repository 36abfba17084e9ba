package org.tinysim.engine.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Small graphs whose greedy offsets were worked out on paper; the derivations are in the comments.
 */
class HandPlansTest {

  private final MemoryPlanner greedy = new GreedyPlanner();
  private final MemoryPlanner linear = new LinearPlanner();

  /**
   * Chain input -> conv1 -> conv2 -> conv3 over ops 0..2. Greedy order by size: conv1(200),
   * conv3(120), input(100), conv2(62, align 16). conv1 [0,1] -> 0. conv3 [2,2] is disjoint in time
   * from conv1 -> 0. input [0,0] clashes with conv1 [0,200) -> 200. conv2 [1,2] clashes with conv1
   * [0,200) and conv3 [0,120): candidates 0, 128 (=align16(120)), 208 (=align16(200)); only 208 is
   * free. Arena = max(300, 270) = 300, which equals the lower bound input+conv1 at op 0.
   */
  static List<BufferRequest> chain() {
    return List.of(
        BufferRequest.of("input", 100, 0, 0),
        BufferRequest.of("conv1", 200, 0, 1),
        BufferRequest.of("conv2", 62, 1, 2).withAlignment(16),
        BufferRequest.of("conv3", 120, 2, 2));
  }

  @Test
  void chainGreedyOffsetsMatchHandComputation() {
    MemoryPlan plan = greedy.plan(chain());

    assertThat(plan.offsetOf("conv1")).isZero();
    assertThat(plan.offsetOf("conv3")).isZero();
    assertThat(plan.offsetOf("input")).isEqualTo(200);
    assertThat(plan.offsetOf("conv2")).isEqualTo(208);
    assertThat(plan.arenaSize()).isEqualTo(300);
    plan.verifyNoOverlap();
  }

  /**
   * Linear: input [0,100), conv1 [100,300), conv2 at align16(300)=304 -> 366, conv3 at 368 -> 488.
   */
  @Test
  void chainLinearOffsetsAreSequentialAndAligned() {
    MemoryPlan plan = linear.plan(chain());

    assertThat(plan.placements())
        .extracting(Placement::offset)
        .containsExactly(0L, 100L, 304L, 368L);
    assertThat(plan.arenaSize()).isEqualTo(488);
  }

  /**
   * x -> conv1 -> y -> conv2 -> z, add(x, z) -> w. The residual keeps x (64 B) alive to op 2.
   * Greedy: y(128) -> 0; then the 64 B ties by first use: x [0,2] clashes with y -> 128; z [1,2]
   * clashes with y and x -> 192; w [2,2] clashes with x [128,192) and z [192,256) -> 0. Arena 256 =
   * x+y+z at op 1.
   */
  @Test
  void residualAddKeepsInputAliveAndCostsItsSize() {
    List<ScheduleStep> residual =
        List.of(
            ScheduleStep.of("conv1", List.of("x"), List.of("y")),
            ScheduleStep.of("conv2", List.of("y"), List.of("z")),
            ScheduleStep.of("add", List.of("x", "z"), List.of("w")));
    Map<String, Long> sizes = Map.of("x", 64L, "y", 128L, "z", 64L, "w", 64L);
    LifetimeAnalysis lifetimes = new LifetimeAnalysis(sizes, List.of("x"), Set.of("w"), 4);

    List<BufferRequest> requests = lifetimes.requests(residual);
    MemoryPlan plan = greedy.plan(requests);

    assertThat(requests)
        .filteredOn(r -> r.id().equals("x"))
        .singleElement()
        .satisfies(x -> assertThat(x.lastUse()).isEqualTo(2));
    assertThat(plan.offsetOf("y")).isZero();
    assertThat(plan.offsetOf("x")).isEqualTo(128);
    assertThat(plan.offsetOf("z")).isEqualTo(192);
    assertThat(plan.offsetOf("w")).isZero();
    assertThat(plan.arenaSize()).isEqualTo(256);
    assertThat(plan.liveAtPeak().live()).extracting(Placement::id).containsExactly("y", "x", "z");

    // Without the skip connection x dies at op 0 and z can take its bytes: 192 B.
    List<ScheduleStep> plainChain =
        List.of(
            residual.get(0), residual.get(1), ScheduleStep.of("relu", List.of("z"), List.of("w")));
    assertThat(greedy.plan(lifetimes.requests(plainChain)).arenaSize()).isEqualTo(192);
  }

  /**
   * a -> conv0 -> b(128) -> depthwise -> c(128) -> conv2 -> d(64), depthwise with a 16 B
   * per-channel row. Not in place: b -> 0, c clashes with b -> 128, a [0,0] -> 128 (c is born
   * later), d [2,2] -> 0, scratch [1,1] clashes with b and c -> 256. Arena 272. In place: {b, c} is
   * one 128 B slot at 0 for ops 0..2; a, d and the scratch each clash only with that slot -> 128.
   * Arena 192.
   */
  @Test
  void inPlaceDepthwiseLowersThePeak() {
    Map<String, Long> sizes = Map.of("a", 64L, "b", 128L, "c", 128L, "d", 64L);
    LifetimeAnalysis lifetimes = new LifetimeAnalysis(sizes, List.of("a"), Set.of("d"), 4);
    ScheduleStep depthwise = ScheduleStep.of("dw", List.of("b"), List.of("c")).withScratch(16);
    List<ScheduleStep> separate =
        List.of(
            ScheduleStep.of("conv0", List.of("a"), List.of("b")),
            depthwise,
            ScheduleStep.of("conv2", List.of("c"), List.of("d")));
    List<ScheduleStep> inPlace = List.of(separate.get(0), depthwise.inPlace(), separate.get(2));

    MemoryPlan without = greedy.plan(lifetimes.requests(separate));
    MemoryPlan with = greedy.plan(lifetimes.requests(inPlace));

    assertThat(without.arenaSize()).isEqualTo(272);
    assertThat(without.offsetOf("dw/scratch")).isEqualTo(256);
    assertThat(without.inPlaceApplied()).isEmpty();
    assertThat(with.arenaSize()).isEqualTo(192);
    assertThat(with.offsetOf("c")).isEqualTo(with.offsetOf("b")).isZero();
    assertThat(with.offsetOf("dw/scratch")).isEqualTo(128);
    assertThat(with.inPlaceApplied()).containsExactly(Map.entry("c", "b"));
    with.verifyNoOverlap();
  }

  @Test
  void inPlaceRefusedWhenInputIsStillReadLater() {
    List<BufferRequest> requests =
        List.of(BufferRequest.of("b", 128, 0, 2), BufferRequest.of("c", 128, 1, 2).inPlaceOf("b"));

    MemoryPlan plan = greedy.plan(requests);

    assertThat(plan.inPlaceApplied()).isEmpty();
    assertThat(plan.inPlaceRejected().get("c"))
        .contains("last used at op 2", "first written at op 1");
    assertThat(plan.offsetOf("c")).isNotEqualTo(plan.offsetOf("b"));
    plan.verifyNoOverlap();
  }

  @Test
  void inPlaceRefusedWhenOutputIsLarger() {
    MemoryPlan plan =
        greedy.plan(
            List.of(
                BufferRequest.of("b", 64, 0, 1), BufferRequest.of("c", 96, 1, 2).inPlaceOf("b")));

    assertThat(plan.inPlaceRejected().get("c")).contains("larger");
    assertThat(plan.arenaSize()).isEqualTo(160);
  }

  @Test
  void onlyOneOutputMayTakeOverASlot() {
    MemoryPlan plan =
        greedy.plan(
            List.of(
                BufferRequest.of("in", 64, 0, 1),
                BufferRequest.of("q", 64, 1, 2).inPlaceOf("in"),
                BufferRequest.of("p", 64, 1, 2).inPlaceOf("in")));

    // Claims are visited by id at equal first use, so "p" wins regardless of list order.
    assertThat(plan.inPlaceApplied()).containsExactly(Map.entry("p", "in"));
    assertThat(plan.inPlaceRejected().get("q")).contains("already taken over by 'p'");
    plan.verifyNoOverlap();
  }

  /** a -> b -> c all hand over at op 1, so a and c would be live together in one slot. */
  @Test
  void chainOfHandOversRefusedWhenEndsMeet() {
    MemoryPlan plan =
        greedy.plan(
            List.of(
                BufferRequest.of("a", 64, 0, 1),
                BufferRequest.of("b", 64, 1, 1).inPlaceOf("a"),
                BufferRequest.of("c", 64, 1, 2).inPlaceOf("b")));

    assertThat(plan.inPlaceApplied()).containsExactly(Map.entry("b", "a"));
    assertThat(plan.inPlaceRejected().get("c")).contains("'a' and 'c'");
    plan.verifyNoOverlap();
  }

  @Test
  void mutualClaimsFormNoCycle() {
    MemoryPlan plan =
        greedy.plan(
            List.of(
                BufferRequest.of("a", 64, 1, 1).inPlaceOf("b"),
                BufferRequest.of("b", 64, 1, 1).inPlaceOf("a")));

    assertThat(plan.inPlaceApplied()).containsExactly(Map.entry("a", "b"));
    assertThat(plan.inPlaceRejected().get("b")).isEqualTo("'a' already sits in the slot of 'b'");
  }

  @Test
  void longerInPlaceChainSharesOneOffset() {
    MemoryPlan plan =
        greedy.plan(
            List.of(
                BufferRequest.of("a", 96, 0, 1),
                BufferRequest.of("b", 64, 1, 2).inPlaceOf("a"),
                BufferRequest.of("c", 64, 2, 3).inPlaceOf("b"),
                BufferRequest.of("side", 32, 0, 3)));

    assertThat(plan.inPlaceApplied()).containsOnlyKeys("b", "c");
    assertThat(plan.offsetOf("b")).isEqualTo(plan.offsetOf("a")).isEqualTo(plan.offsetOf("c"));
    assertThat(plan.arenaSize()).isEqualTo(128);
  }

  @Test
  void linearPlannerRecordsEveryClaimAsRejected() {
    MemoryPlan plan =
        linear.plan(
            List.of(
                BufferRequest.of("b", 64, 0, 1), BufferRequest.of("c", 64, 1, 2).inPlaceOf("b")));

    assertThat(plan.inPlaceApplied()).isEmpty();
    assertThat(plan.inPlaceRejected()).containsOnlyKeys("c");
    assertThat(plan.arenaSize()).isEqualTo(128);
  }
}
