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

    private final GreedyPlanner greedy = new GreedyPlanner();
    private final LinearPlanner linear = new LinearPlanner();

    private static final List<Problem> PROBLEMS_SET =
            LongStream.range(0, PROBLEMS).mapToObj(RandomProblems::generate).toList();

    private static BufferRequest roundedUp(BufferRequest r) {
        return new BufferRequest(r.id(), Align.up(r.sizeBytes(), r.alignment()), r.firstUse(), r.lastUse(),
                r.alignment(), r.inPlaceOf());
    }

    @Test
    void bothPlannersProduceNonOverlappingAlignedPlans() {
        for (Problem p : PROBLEMS_SET) {
            for (MemoryPlanner planner : List.of(greedy, linear)) {
                MemoryPlan plan = planner.plan(p.requests());
                assertThatCode(plan::verifyNoOverlap).as("%s seed %d", planner.name(), p.seed())
                        .doesNotThrowAnyException();
                assertThatCode(plan::verifyAligned).as("%s seed %d", planner.name(), p.seed())
                        .doesNotThrowAnyException();
                assertThat(plan.placements()).extracting(Placement::request).as("seed %d", p.seed())
                        .containsExactlyElementsOf(p.requests());
            }
        }
    }

    /** Independent of verifyNoOverlap: recheck clashes pairwise from the raw offsets. */
    @Test
    void noTwoLiveBuffersShareBytesExceptLegalHandOvers() {
        for (Problem p : PROBLEMS_SET) {
            MemoryPlan plan = greedy.plan(p.requests());
            List<Placement> all = plan.placements();
            for (Placement a : all) {
                for (Placement b : all) {
                    boolean handOver = a.id().equals(plan.inPlaceApplied().get(b.id()))
                            || b.id().equals(plan.inPlaceApplied().get(a.id()));
                    if (a != b && !handOver && a.clashesWith(b)) {
                        fail("seed %d: %s clashes with %s", p.seed(), a, b);
                    }
                }
            }
        }
    }

    @Test
    void arenaIsAtLeastThePeakLiveBytes() {
        for (Problem p : PROBLEMS_SET) {
            MemoryPlan g = greedy.plan(p.requests());
            MemoryPlan l = linear.plan(p.requests());
            assertThat(g.arenaSize()).as("seed %d", p.seed())
                    .isGreaterThanOrEqualTo(RandomProblems.lowerBound(p.requests(), g.inPlaceApplied()));
            assertThat(l.arenaSize()).as("seed %d", p.seed())
                    .isGreaterThanOrEqualTo(RandomProblems.lowerBound(p.requests(), Map.of()));
        }
    }

    /**
     * With one alignment a for every buffer, each greedy slot lands at or below the aligned top of
     * everything placed before it, so greedy <= sum of alignUp(size, a). When sizes are multiples of a
     * that sum is exactly the linear arena.
     */
    @Test
    void greedyNeverExceedsLinearForUniformWordSizedBuffers() {
        int checked = 0;
        for (Problem p : PROBLEMS_SET) {
            if (p.uniformAlignment()) {
                checked++;
                long padded = p.requests().stream().mapToLong(r -> Align.up(r.sizeBytes(), r.alignment())).sum();
                assertThat(greedy.plan(p.requests()).arenaSize()).as("seed %d", p.seed()).isLessThanOrEqualTo(padded);
                List<BufferRequest> wordSized = p.requests().stream().map(PlannerPropertiesTest::roundedUp).toList();
                assertThat(greedy.plan(wordSized).arenaSize()).as("seed %d", p.seed())
                        .isLessThanOrEqualTo(linear.plan(wordSized).arenaSize());
            }
        }
        assertThat(checked).isGreaterThan(PROBLEMS / 3);
    }

    /**
     * In general greedy loses to linear only when almost everything is live at once, and then by less
     * than an alignment per buffer: linear's last buffer carries no tail padding, greedy's top one may.
     * Measured at 0.9% of problems; this guards against a regression in placement quality.
     */
    @Test
    void greedyRarelyExceedsLinearAndStaysCloseToTheLowerBound() {
        int worse = 0;
        double ratioSum = 0;
        for (Problem p : PROBLEMS_SET) {
            MemoryPlan g = greedy.plan(p.requests());
            long linearArena = linear.plan(p.requests()).arenaSize();
            if (g.arenaSize() > linearArena) {
                worse++;
                long slack = p.requests().stream().mapToLong(r -> r.alignment() - 1L).sum();
                assertThat(g.arenaSize()).as("seed %d", p.seed()).isLessThanOrEqualTo(linearArena + slack);
            }
            ratioSum += (double) g.arenaSize() / RandomProblems.lowerBound(p.requests(), g.inPlaceApplied());
        }
        assertThat(worse).isLessThan(PROBLEMS / 50);
        assertThat(ratioSum / PROBLEMS).isLessThan(1.05);
    }

    /** Known limitation: placing the larger, less aligned buffer first wastes padding linear avoids. */
    @Test
    void mixedAlignmentCanMakeGreedyLoseToLinear() {
        List<BufferRequest> requests = List.of(
                BufferRequest.of("wide", 6, 0, 0).withAlignment(16),
                BufferRequest.of("big", 8, 0, 0));

        assertThat(linear.plan(requests).arenaSize()).isEqualTo(16);   // wide [0,6), big [8,16)
        assertThat(greedy.plan(requests).arenaSize()).isEqualTo(22);   // big [0,8), wide [16,22)
    }

    @Test
    void inPlaceOnlyAppliedWhenLegalAndEveryClaimIsAnswered() {
        int applied = 0;
        int rejected = 0;
        for (Problem p : PROBLEMS_SET) {
            MemoryPlan plan = greedy.plan(p.requests());
            Map<String, BufferRequest> byId = p.requests().stream()
                    .collect(Collectors.toMap(BufferRequest::id, Function.identity()));
            plan.inPlaceApplied().forEach((out, in) -> {
                // The rule restated independently of InPlaceRule, so a bug there cannot hide here.
                BufferRequest input = byId.get(in);
                BufferRequest output = byId.get(out);
                assertThat(output.inPlaceOf()).contains(in);
                assertThat(input.lastUse()).as("seed %d %s<-%s", p.seed(), out, in).isEqualTo(output.firstUse());
                assertThat(output.sizeBytes()).as("seed %d %s<-%s", p.seed(), out, in)
                        .isLessThanOrEqualTo(input.sizeBytes());
                assertThat(plan.offsetOf(out)).as("seed %d", p.seed()).isEqualTo(plan.offsetOf(in));
            });
            assertThat(new HashSet<>(plan.inPlaceApplied().values())).as("seed %d: one taker per slot", p.seed())
                    .hasSameSizeAs(plan.inPlaceApplied().values());
            Set<String> claims = p.requests().stream().filter(r -> r.inPlaceOf().isPresent())
                    .map(BufferRequest::id).collect(Collectors.toSet());
            Set<String> answered = new HashSet<>(plan.inPlaceApplied().keySet());
            answered.addAll(plan.inPlaceRejected().keySet());
            assertThat(answered).as("seed %d", p.seed()).isEqualTo(claims);
            assertThat(Collections.disjoint(plan.inPlaceApplied().keySet(), plan.inPlaceRejected().keySet()))
                    .as("seed %d", p.seed()).isTrue();
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
        for (Problem p : PROBLEMS_SET) {
            assertThat(greedy.plan(p.requests())).as("seed %d", p.seed()).isEqualTo(greedy.plan(p.requests()));
            assertThat(linear.plan(p.requests())).as("seed %d", p.seed()).isEqualTo(linear.plan(p.requests()));

            List<BufferRequest> shuffled = new ArrayList<>(p.requests());
            Collections.shuffle(shuffled, shuffler);
            MemoryPlan original = greedy.plan(p.requests());
            MemoryPlan reordered = greedy.plan(shuffled);
            assertThat(offsets(reordered)).as("seed %d", p.seed()).isEqualTo(offsets(original));
            assertThat(reordered.inPlaceApplied()).isEqualTo(original.inPlaceApplied());
        }
    }

    @Test
    void occupancyReportAgreesWithArena() {
        for (Problem p : PROBLEMS_SET) {
            MemoryPlan plan = greedy.plan(p.requests());
            List<OpOccupancy> rows = plan.perOpReport();
            assertThat(rows.get(rows.size() - 1).highWaterSoFar()).as("seed %d", p.seed())
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
