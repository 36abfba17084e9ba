package org.tinysim.engine.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reports over the hand-computed chain plan: conv1 [0,200), input [200,300), conv2 [208,270), conv3
 * [0,120).
 */
class MemoryPlanReportTest {

  private final MemoryPlan plan = new GreedyPlanner().plan(HandPlansTest.chain());

  @Test
  void perOpReportTracksLiveBuffersAndHighWater() {
    List<OpOccupancy> rows = plan.perOpReport();

    assertThat(rows).extracting(OpOccupancy::op).containsExactly(0, 1, 2);
    assertThat(rows.get(0).live()).extracting(Placement::id).containsExactly("conv1", "input");
    assertThat(rows.get(1).live()).extracting(Placement::id).containsExactly("conv1", "conv2");
    assertThat(rows.get(2).live()).extracting(Placement::id).containsExactly("conv3", "conv2");
    assertThat(rows).extracting(OpOccupancy::bytesInUse).containsExactly(300L, 262L, 182L);
    assertThat(rows).extracting(OpOccupancy::liveTop).containsExactly(300L, 270L, 270L);
    assertThat(rows).extracting(OpOccupancy::highWaterSoFar).containsExactly(300L, 300L, 300L);
    assertThat(rows.get(1).gapBytes()).isEqualTo(8); // alignment hole [200, 208)
  }

  @Test
  void inPlaceHandOverCountsSharedBytesOnce() {
    MemoryPlan shared =
        new GreedyPlanner()
            .plan(
                List.of(
                    BufferRequest.of("b", 128, 0, 1),
                    BufferRequest.of("c", 100, 1, 2).inPlaceOf("b")));

    assertThat(shared.perOpReport().get(1).bytesInUse()).isEqualTo(128);
  }

  @Test
  void timelineShowsOneRowPerOpAndALegend() {
    String text = plan.renderTimeline(30);

    // 10 B per column: conv1 (B) covers columns 0-19, input (A) 20-29; conv2 (C) covers [208,270)
    // i.e. columns 20-26; conv3 (D) covers [0,120), columns 0-11.
    assertThat(text.lines().toList())
        .containsSubsequence(
            "memory plan (greedy): arena 300 B, 10 B per column",
            "  0 |BBBBBBBBBBBBBBBBBBBBAAAAAAAAAA| 300 B",
            "  1 |BBBBBBBBBBBBBBBBBBBBCCCCCCC...| 262 B",
            "  2 |DDDDDDDDDDDD........CCCCCCC...| 182 B",
            "legend:",
            "  A input @200 +100 B, ops 0..0",
            "  B conv1 @0 +200 B, ops 0..1",
            "  C conv2 @208 +62 B, ops 1..2",
            "  D conv3 @0 +120 B, ops 2..2");
  }

  @Test
  void timelineShowsTheOutputOnTheHandOverRow() {
    MemoryPlan shared =
        new GreedyPlanner()
            .plan(
                List.of(
                    BufferRequest.of("b", 8, 0, 1), BufferRequest.of("c", 8, 1, 2).inPlaceOf("b")));

    assertThat(shared.renderTimeline(8).lines().toList())
        .containsSubsequence(
            "  0 |AAAAAAAA| 8 B",
            "  1 |BBBBBBBB| 8 B",
            "  2 |BBBBBBBB| 8 B",
            "  B c @0 +8 B, ops 1..2, in place of b");
  }

  @Test
  void fitReportNamesPeakTensorsAndExcess() {
    FitReport tooSmall = plan.fitsIn(256);

    assertThat(tooSmall.fits()).isFalse();
    assertThat(tooSmall.excessBytes()).isEqualTo(44);
    assertThat(tooSmall.peak().op()).isZero();
    assertThat(tooSmall.message())
        .isEqualTo(
            "arena 300 B exceeds the 256 B limit by 44 B; peak at op 0 with"
                + " live tensors conv1 [0, 200) 200 B, input [200, 300) 100 B (300 B in use)");
  }

  @Test
  void fitReportMentionsHolesAtThePeak() {
    // big [0,100), early [100,160), tail [100,150); late clashes with big and tail and goes to the
    // next 4-aligned offset after 150, 152: the op-1 span [0,192) has a 2 B hole.
    MemoryPlan holey =
        new GreedyPlanner()
            .plan(
                List.of(
                    BufferRequest.of("big", 100, 0, 2),
                    BufferRequest.of("early", 60, 0, 0),
                    BufferRequest.of("late", 40, 1, 1),
                    BufferRequest.of("tail", 50, 1, 2)));

    FitReport report = holey.fitsIn(100);

    assertThat(report.excessBytes()).isEqualTo(holey.arenaSize() - 100).isPositive();
    assertThat(report.message())
        .contains("peak at op 1", "190 B in use; 2 B of that span are holes");
  }

  @Test
  void fitReportForAFittingPlan() {
    FitReport ok = plan.fitsIn(300);

    assertThat(ok.fits()).isTrue();
    assertThat(ok.excessBytes()).isZero();
    assertThat(ok.message()).isEqualTo("arena 300 B fits in 300 B (0 B spare)");
  }

  @Test
  void verifyNoOverlapNamesBothBuffersLifetimesAndRanges() {
    MemoryPlan broken =
        new MemoryPlan(
            "hand",
            List.of(
                new Placement(BufferRequest.of("a", 64, 0, 2), 0),
                new Placement(BufferRequest.of("b", 64, 1, 3), 32)),
            Map.of(),
            Map.of());

    assertThatThrownBy(broken::verifyNoOverlap)
        .isInstanceOf(PlanOverlapException.class)
        .hasMessage(
            "buffers 'a' (ops 0..2, bytes [0, 64)) and 'b' (ops 1..3, bytes [32, 96)) are both"
                + " live at ops 1..2 and share bytes [32, 64)");
  }

  @Test
  void verifyNoOverlapRejectsAnIllegalHandOverEvenIfRecordedAsApplied() {
    BufferRequest in = BufferRequest.of("in", 64, 0, 2);
    BufferRequest out = BufferRequest.of("out", 64, 1, 3).inPlaceOf("in");
    MemoryPlan forged =
        new MemoryPlan(
            "hand",
            List.of(new Placement(in, 0), new Placement(out, 0)),
            Map.of("out", "in"),
            Map.of());

    assertThatThrownBy(forged::verifyNoOverlap)
        .hasMessageContaining("'in'")
        .hasMessageContaining("'out'");
  }

  @Test
  void verifyAlignedNamesTheMisalignedBuffer() {
    MemoryPlan misaligned =
        new MemoryPlan(
            "hand",
            List.of(new Placement(BufferRequest.of("w", 8, 0, 0).withAlignment(8), 4)),
            Map.of(),
            Map.of());

    assertThatThrownBy(misaligned::verifyAligned)
        .hasMessageContaining("'w'")
        .hasMessageContaining("8 B");
  }

  @Test
  void emptyPlanHasZeroArenaAndFitsAnywhere() {
    MemoryPlan empty = new GreedyPlanner().plan(List.of());

    assertThat(empty.arenaSize()).isZero();
    assertThat(empty.perOpReport()).isEmpty();
    assertThat(empty.fitsIn(0).fits()).isTrue();
    assertThat(empty.liveAtPeak().op()).isEqualTo(-1);
  }
}
