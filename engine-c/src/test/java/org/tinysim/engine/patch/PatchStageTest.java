package org.tinysim.engine.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.models.PatchCoverageModel;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.Preparer;

/**
 * Receptive fields of {@link PatchCoverageModel} (layout in its comment), worked out by hand for
 * split 8 (ops 0..7, stage output 6x6) on a 3x3 grid (tiles of rows 0..1, 2..3, 4..5). The model is
 * square and symmetric in rows and columns, so the expected columns equal the rows.
 */
class PatchStageTest {

  private static final PreparedGraph GRAPH =
      Preparer.prepare(TfliteImporter.load(PatchCoverageModel.tflite(), "patch_coverage"));

  private static Region rows(int top, int bottom) {
    return new Region(top, bottom, top, bottom);
  }

  private static Tensor outputOf(int op) {
    return GRAPH.graph().ops().get(op).output();
  }

  @Test
  void topLeftPatchReachesBackThroughPaddingStridesAndDilation() {
    PatchStage s = PatchStage.of(GRAPH, new PatchConfig(8, 3));
    assertThat(s.output()).isEqualTo(outputOf(7));
    assertThat(s.tile(0)).isEqualTo(rows(0, 2));
    // avg pool 3x3 SAME: out 0..1 reads -1..2, row -1 is image padding
    assertThat(s.geometry(7, 0)).isEqualTo(new OpPatch(rows(0, 2), rows(0, 3), 1, 1));
    // max pool 3x3 s2 SAME (pad top 1): out 0..2 reads -1..5
    assertThat(s.geometry(6, 0)).isEqualTo(new OpPatch(rows(0, 3), rows(0, 6), 1, 1));
    assertThat(s.geometry(5, 0)).isEqualTo(new OpPatch(rows(0, 6), rows(0, 6), 0, 0));
    // depthwise 3x3 SAME: out 0..5 reads -1..6
    assertThat(s.geometry(4, 0)).isEqualTo(new OpPatch(rows(0, 6), rows(0, 7), 1, 1));
    // the skip tensor a is held with the depthwise's halo, wider than the ADD needs
    assertThat(s.held(0, outputOf(3))).isEqualTo(rows(0, 7));
    // depthwise 3x3 dilation 2 SAME (pad 2): out 0..6 reads -2..8
    assertThat(s.geometry(2, 0)).isEqualTo(new OpPatch(rows(0, 7), rows(0, 9), 2, 2));
    // conv 3x3 s2 VALID: out 0..8 reads 0..18
    assertThat(s.geometry(1, 0)).isEqualTo(new OpPatch(rows(0, 9), rows(0, 19), 0, 0));
    // PAD 1 before: out 0..18 is image rows -1..17
    assertThat(s.geometry(0, 0)).isEqualTo(new OpPatch(rows(0, 19), rows(0, 18), 1, 1));
    assertThat(s.geometry(0, 0).padBottom(s.window(0))).isZero();
  }

  @Test
  void bottomRightPatchGetsTheBottomAndRightPadding() {
    PatchStage s = PatchStage.of(GRAPH, new PatchConfig(8, 3));
    assertThat(s.tile(8)).isEqualTo(rows(4, 6));
    assertThat(s.geometry(7, 8)).isEqualTo(new OpPatch(rows(4, 6), rows(3, 6), 0, 0));
    assertThat(s.geometry(7, 8).padBottom(s.window(7))).isEqualTo(1);
    assertThat(s.geometry(6, 8)).isEqualTo(new OpPatch(rows(3, 6), rows(5, 11), 0, 0));
    assertThat(s.geometry(6, 8).padBottom(s.window(6))).isEqualTo(1);
    assertThat(s.geometry(4, 8)).isEqualTo(new OpPatch(rows(5, 11), rows(4, 11), 0, 0));
    assertThat(s.geometry(2, 8)).isEqualTo(new OpPatch(rows(4, 11), rows(2, 11), 0, 0));
    assertThat(s.geometry(2, 8).padBottom(s.window(2))).isEqualTo(2);
    assertThat(s.geometry(1, 8)).isEqualTo(new OpPatch(rows(2, 11), rows(4, 23), 0, 0));
    // PAD rows 4..22 are image rows 3..21: the image ends at 19, the PAD's 2 bottom rows follow
    assertThat(s.geometry(0, 8)).isEqualTo(new OpPatch(rows(4, 23), rows(3, 20), 0, 0));
    assertThat(s.geometry(0, 8).padBottom(s.window(0))).isEqualTo(2);
  }

  @Test
  void copiesOnlyWhereARegionIsCutOutOfALargerBuffer() {
    PatchStage s = PatchStage.of(GRAPH, new PatchConfig(8, 3));
    Tensor input = GRAPH.graph().inputs().get(0);
    Tensor skip = outputOf(3);
    assertThat(s.needsGather(0, input)).isTrue();
    assertThat(s.needsGather(5, skip)).isTrue();
    assertThat(s.needsGather(4, skip)).isFalse();
    assertThat(s.needsGather(1, outputOf(0))).isFalse();
    // the middle patch holds a's rows 0..10 (all 11), the ADD needs rows 1..9 of them
    assertThat(s.held(4, skip)).isEqualTo(rows(0, 11));
    assertThat(s.patchBytes(skip)).isEqualTo(11 * 11 * 8);
    assertThat(s.gatherBytes(5, skip)).isEqualTo(9 * 9 * 8);
  }

  /**
   * Split 3 (stage output: the dilated depthwise, 11x11) on 2x2: its tiles are rows 0..4 and 5..10;
   * the 3x3 s2 conv before it must make rows 0..6 and 3..10 (7 + 8 rows, same columns), so it
   * computes 15x15 instead of 11x11 pixels.
   */
  @Test
  void recomputedHaloAddsExactlyTheOverlapMacs() {
    PatchStage s = PatchStage.of(GRAPH, new PatchConfig(3, 2));
    assertThat(s.plainMacs()).isEqualTo(11 * 11 * 8 * 27 + 11 * 11 * 8 * 9);
    assertThat(s.patchedMacs()).isEqualTo(15 * 15 * 8 * 27 + 11 * 11 * 8 * 9);
  }

  @Test
  void unfitSplitsAndGridsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> PatchStage.of(GRAPH, new PatchConfig(5, 2)))
        .isInstanceOf(PatchNotApplicableException.class)
        .hasMessageContaining("2 tensors cross from the stage");
    assertThatThrownBy(() -> PatchStage.of(GRAPH, new PatchConfig(10, 2)))
        .hasMessageContaining("grid 2x2 is finer than the stage output");
    assertThatThrownBy(() -> PatchStage.of(GRAPH, new PatchConfig(11, 2)))
        .hasMessageContaining("op 10 (FULLY_CONNECTED) cannot run patch by patch");
    assertThatThrownBy(() -> PatchConfig.parse("split=4"))
        .hasMessageContaining("not of the form split=K,grid=N");
  }
}
