package org.tinysim.engine.patch.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.patch.PatchConfig;
import org.tinysim.engine.patch.PatchStage;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.Preparer;

/** {@link CycleEstimate}'s per-op costs from board runs, on the bundled fashion_mobilenet. */
class CycleEstimateTest {

  private static final PreparedGraph FASHION =
      Preparer.prepare(
          TfliteImporter.load(
              Path.of(System.getProperty("tinysim.repoRoot", ".."))
                  .resolve("models/fashion_mobilenet.tflite")));

  /** A board on which op i costs a(i) per whole-op share of pixels and b(i) per patch. */
  private static double a(int op) {
    return 20_000 + 7_000 * op;
  }

  private static double b(int op) {
    return 300 + 150 * op;
  }

  private static long[] plainRun() {
    long[] cycles = new long[FASHION.graph().ops().size()];
    for (int i = 0; i < cycles.length; i++) {
      cycles[i] = Math.round(a(i) * 1.3 + b(i)); // whole ops: not on the patched line
    }
    return cycles;
  }

  /** Per-layer cycles the linear board gives for {@code stage}. */
  private static long[] patchedRun(PatchStage stage) {
    long[] cycles = plainRun();
    for (Op op : FASHION.graph().ops()) {
      if (op.index() < stage.split()) {
        double share = 0;
        for (int p = 0; p < stage.patches(); p++) {
          share +=
              stage.geometry(op.index(), p).out().pixels()
                  / ((double) op.output().shape().dim(1) * op.output().shape().dim(2));
        }
        cycles[op.index()] = Math.round(a(op.index()) * share + b(op.index()) * stage.patches());
      }
    }
    return cycles;
  }

  private static long sum(long[] cycles) {
    long total = 0;
    for (long c : cycles) {
      total += c;
    }
    return total;
  }

  @Test
  void twoPatchedRunsPredictEveryOtherGridAndSplitOfALinearBoard() {
    int split =
        new PatchSearch()
            .calibrationSplit(FASHION, CodegenOptions.defaults(), Long.MAX_VALUE)
            .orElseThrow();
    assertThat(split).isEqualTo(9); // ops 9.. (RESHAPE, FC, SOFTMAX) cannot run patch by patch
    PatchStage two = PatchStage.of(FASHION, new PatchConfig(split, 2));
    PatchStage four = PatchStage.of(FASHION, new PatchConfig(split, 4));
    CycleEstimate.OpCosts costs =
        CycleEstimate.calibrated(plainRun(), two, patchedRun(two), four, patchedRun(four));

    assertThat(costs.source()).isEqualTo("board");
    assertThat(CycleEstimate.plain(FASHION, costs)).isEqualTo(sum(plainRun()));
    for (PatchConfig c :
        new PatchConfig[] {
          new PatchConfig(9, 3), new PatchConfig(9, 6), new PatchConfig(4, 5), new PatchConfig(2, 2)
        }) {
      PatchStage stage = PatchStage.of(FASHION, c);
      // Rounding of the two calibration runs only: under a cycle per op.
      assertThat(CycleEstimate.patched(stage, costs))
          .as(c.toString())
          .isCloseTo(sum(patchedRun(stage)), within(12.0));
    }
  }

  @Test
  void withoutAPlainRunOpsRunWholeCostTheirLineAtOnePatch() {
    PatchStage two = PatchStage.of(FASHION, new PatchConfig(9, 2));
    PatchStage four = PatchStage.of(FASHION, new PatchConfig(9, 4));
    CycleEstimate.OpCosts costs =
        CycleEstimate.calibrated(two, patchedRun(two), four, patchedRun(four));
    double plain = 0;
    for (Op op : FASHION.graph().ops()) {
      // In the stage: a + b (one patch, the whole output); after it: the cycles it ran whole.
      plain += op.index() < 9 ? a(op.index()) + b(op.index()) : plainRun()[op.index()];
    }
    assertThat(CycleEstimate.plain(FASHION, costs)).isCloseTo(plain, within(12.0));
    PatchStage six = PatchStage.of(FASHION, new PatchConfig(9, 6));
    assertThat(CycleEstimate.patched(six, costs)).isCloseTo(sum(patchedRun(six)), within(12.0));
  }

  @Test
  void aPlainRunAloneScalesEachOpByItsPatchesPixels() {
    PatchStage stage = PatchStage.of(FASHION, new PatchConfig(9, 2));
    long[] plain = plainRun();
    CycleEstimate.OpCosts costs = CycleEstimate.measured(plain);
    Op first = FASHION.graph().ops().get(0);
    double share = 0;
    for (int p = 0; p < stage.patches(); p++) {
      share += stage.geometry(0, p).out().pixels() / (28.0 * 28.0);
    }
    double patched = 0;
    for (int p = 0; p < stage.patches(); p++) {
      patched += costs.patch(first, stage, p);
    }
    // The share of the pixels (halo included, so over 1) plus the fitted loop overhead.
    assertThat(share).isGreaterThan(1.0);
    assertThat(patched).isGreaterThan(plain[0] * share).isLessThan(plain[0] * share + 20_000);
    assertThat(costs.whole(first)).isEqualTo(plain[0]);
  }
}
