package org.tinysim.engine.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.planner.RandomProblems.Problem;

/** Invariants over thousands of seeded random problems; failures name the seed to replay. */
class PlannerPropertiesTest {

  private static final int PROBLEMS = 4000;
  private static final GreedyPlanner GREEDY = new GreedyPlanner();
  private static final LinearPlanner LINEAR = new LinearPlanner();

  /** A problem with both plans, computed once and shared by the read-only checks. */
  private record Case(Problem problem, MemoryPlan greedy, MemoryPlan linear) {
    long seed() {
      return problem.seed();
    }

    List<BufferRequest> requests() {
      return problem.requests();
    }
  }

  private static final List<Case> CASES =
      LongStream.range(0, PROBLEMS)
          .mapToObj(RandomProblems::generate)
          .map(p -> new Case(p, GREEDY.plan(p.requests()), LINEAR.plan(p.requests())))
          .toList();

  @Test
  void bothPlannersProduceNonOverlappingAlignedPlans() {
    for (Case c : CASES) {
      for (MemoryPlan plan : List.of(c.greedy(), c.linear())) {
        assertThatCode(plan::verifyNoOverlap)
            .as("%s seed %d", plan.planner(), c.seed())
            .doesNotThrowAnyException();
        assertThatCode(plan::verifyAligned)
            .as("%s seed %d", plan.planner(), c.seed())
            .doesNotThrowAnyException();
        assertThat(plan.placements())
            .extracting(Placement::request)
            .as("seed %d", c.seed())
            .containsExactlyElementsOf(c.requests());
      }
    }
  }

  /**
   * Independent of verifyNoOverlap: recheck clashes pairwise from the raw offsets and lifetimes.
   */
  @Test
  void noTwoLiveBuffersShareBytesExceptHandOvers() {
    for (Case c : CASES) {
      Map<String, String> applied = c.greedy().inPlaceApplied();
      List<Placement> all = c.greedy().placements();
      for (Placement a : all) {
        for (Placement b : all) {
          if (a != b
              && a.clashesWith(b)
              && !isHandOver(a, b, applied)
              && !isHandOver(b, a, applied)) {
            fail("seed %d: %s clashes with %s", c.seed(), a, b);
          }
        }
      }
    }
  }

  private static boolean isHandOver(
      Placement input, Placement output, Map<String, String> applied) {
    return input.id().equals(applied.get(output.id()))
        && input.offset() == output.offset()
        && input.request().lastUse() == output.request().firstUse();
  }

  @Test
  void arenaIsAtLeastThePeakLiveBytes() {
    for (Case c : CASES) {
      assertThat(c.greedy().arenaSize())
          .as("seed %d", c.seed())
          .isGreaterThanOrEqualTo(
              RandomProblems.lowerBound(c.requests(), c.greedy().inPlaceApplied()));
      assertThat(c.linear().arenaSize())
          .as("seed %d", c.seed())
          .isGreaterThanOrEqualTo(RandomProblems.lowerBound(c.requests(), Map.of()));
    }
  }

  /**
   * With one alignment a for every buffer, each greedy slot lands at or below the aligned top of
   * everything placed before it, so greedy <= sum of alignUp(size, a). When sizes are multiples of
   * a that sum is exactly the linear arena.
   */
  @Test
  void greedyNeverExceedsLinearForUniformWordSizedBuffers() {
    int checked = 0;
    for (Case c : CASES) {
      if (c.problem().uniformAlignment()) {
        checked++;
        long padded =
            c.requests().stream().mapToLong(r -> Align.up(r.sizeBytes(), r.alignment())).sum();
        assertThat(c.greedy().arenaSize()).as("seed %d", c.seed()).isLessThanOrEqualTo(padded);
        List<BufferRequest> wordSized =
            c.requests().stream().map(PlannerPropertiesTest::roundedUp).toList();
        assertThat(GREEDY.plan(wordSized).arenaSize())
            .as("seed %d", c.seed())
            .isLessThanOrEqualTo(LINEAR.plan(wordSized).arenaSize());
      }
    }
    assertThat(checked).isGreaterThan(PROBLEMS / 3);
  }

  private static BufferRequest roundedUp(BufferRequest r) {
    return new BufferRequest(
        r.id(),
        Align.up(r.sizeBytes(), r.alignment()),
        r.firstUse(),
        r.lastUse(),
        r.alignment(),
        r.inPlaceOf());
  }

  /**
   * In general greedy loses to linear only when almost everything is live at once, and then by less
   * than an alignment per buffer: linear's last buffer carries no tail padding, greedy's top one
   * may. Measured at 0.9% of problems; this guards against a regression in placement quality.
   */
  @Test
  void greedyRarelyExceedsLinearAndStaysCloseToTheLowerBound() {
    int worse = 0;
    double ratioSum = 0;
    for (Case c : CASES) {
      long greedyArena = c.greedy().arenaSize();
      long linearArena = c.linear().arenaSize();
      if (greedyArena > linearArena) {
        worse++;
        long slack = c.requests().stream().mapToLong(r -> r.alignment() - 1L).sum();
        assertThat(greedyArena).as("seed %d", c.seed()).isLessThanOrEqualTo(linearArena + slack);
      }
      ratioSum +=
          (double) greedyArena
              / RandomProblems.lowerBound(c.requests(), c.greedy().inPlaceApplied());
    }
    assertThat(worse).isLessThan(PROBLEMS / 50);
    assertThat(ratioSum / PROBLEMS).isLessThan(1.05);
  }

  /**
   * Known limitation: placing the larger, less aligned buffer first wastes padding linear avoids.
   */
  @Test
  void mixedAlignmentCanMakeGreedyLoseToLinear() {
    List<BufferRequest> requests =
        List.of(
            BufferRequest.of("wide", 6, 0, 0).withAlignment(16), BufferRequest.of("big", 8, 0, 0));

    assertThat(LINEAR.plan(requests).arenaSize()).isEqualTo(16); // wide [0,6), big [8,16)
    assertThat(GREEDY.plan(requests).arenaSize()).isEqualTo(22); // big [0,8), wide [16,22)
  }

  @Test
  void inPlaceOnlyAppliedWhenLegalAndEveryClaimIsAnswered() {
    int applied = 0;
    int rejected = 0;
    for (Case c : CASES) {
      MemoryPlan plan = c.greedy();
      Map<String, BufferRequest> byId =
          c.requests().stream().collect(Collectors.toMap(BufferRequest::id, Function.identity()));
      plan.inPlaceApplied()
          .forEach(
              (out, in) -> {
                // The rule restated independently of InPlaceRule, so a bug there cannot hide here.
                BufferRequest input = byId.get(in);
                BufferRequest output = byId.get(out);
                assertThat(output.inPlaceOf()).contains(in);
                assertThat(input.lastUse())
                    .as("seed %d %s<-%s", c.seed(), out, in)
                    .isEqualTo(output.firstUse());
                assertThat(output.sizeBytes())
                    .as("seed %d %s<-%s", c.seed(), out, in)
                    .isLessThanOrEqualTo(input.sizeBytes());
                assertThat(plan.offsetOf(out)).as("seed %d", c.seed()).isEqualTo(plan.offsetOf(in));
              });
      assertThat(new HashSet<>(plan.inPlaceApplied().values()))
          .as("seed %d: one taker per slot", c.seed())
          .hasSameSizeAs(plan.inPlaceApplied().values());
      Set<String> claims =
          c.requests().stream()
              .filter(r -> r.inPlaceOf().isPresent())
              .map(BufferRequest::id)
              .collect(Collectors.toSet());
      Set<String> answered = new HashSet<>(plan.inPlaceApplied().keySet());
      answered.addAll(plan.inPlaceRejected().keySet());
      assertThat(answered).as("seed %d", c.seed()).isEqualTo(claims);
      assertThat(
              Collections.disjoint(plan.inPlaceApplied().keySet(), plan.inPlaceRejected().keySet()))
          .as("seed %d", c.seed())
          .isTrue();
      applied += plan.inPlaceApplied().size();
      rejected += plan.inPlaceRejected().size();
    }
    // The generator must exercise both outcomes, or this test proves nothing.
    assertThat(applied).isGreaterThan(1000);
    assertThat(rejected).isGreaterThan(1000);
  }

  @Test
  void sameInputGivesSamePlanAndGreedyIgnoresRequestOrder() {
    Random shuffler = new Random(42);
    for (Case c : CASES) {
      assertThat(GREEDY.plan(c.requests())).as("seed %d", c.seed()).isEqualTo(c.greedy());
      assertThat(LINEAR.plan(c.requests())).as("seed %d", c.seed()).isEqualTo(c.linear());

      List<BufferRequest> shuffled = new ArrayList<>(c.requests());
      Collections.shuffle(shuffled, shuffler);
      MemoryPlan reordered = GREEDY.plan(shuffled);
      assertThat(offsets(reordered)).as("seed %d", c.seed()).isEqualTo(offsets(c.greedy()));
      assertThat(reordered.inPlaceApplied()).isEqualTo(c.greedy().inPlaceApplied());
    }
  }

  @Test
  void occupancyReportAgreesWithArena() {
    for (Case c : CASES) {
      MemoryPlan plan = c.greedy();
      List<OpOccupancy> rows = plan.perOpReport();
      assertThat(rows.get(rows.size() - 1).highWaterSoFar())
          .as("seed %d", c.seed())
          .isEqualTo(plan.arenaSize());
      OpOccupancy peak = plan.liveAtPeak();
      assertThat(peak.liveTop()).isEqualTo(plan.arenaSize());
      assertThat(peak.bytesInUse()).isLessThanOrEqualTo(peak.liveTop());
      assertThat(plan.fitsIn(plan.arenaSize() - 1).excessBytes()).isEqualTo(1);
    }
  }

  private static Map<String, Long> offsets(MemoryPlan plan) {
    return plan.placements().stream().collect(Collectors.toMap(Placement::id, Placement::offset));
  }
}
