package org.tinysim.harness.patch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.models.PatchCoverageModel;
import org.tinysim.engine.patch.PatchConfig;
import org.tinysim.engine.patch.PatchNotApplicableException;
import org.tinysim.engine.patch.PatchStage;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.harness.inference.CompiledModel;
import org.tinysim.harness.inference.InferenceResult;
import org.tinysim.harness.toolchain.KernelPath;

/**
 * Every split of the coverage graph that can run patch by patch, on 2x2 and 3x3 grids, gives the
 * plain schedule's output bytes on the board, for inputs that differ at the image border (and one
 * configuration with the portable kernels too).
 */
class PatchCoverageOnBoardTest {

  @Test
  void everyRunnableSplitAndGridMatchesThePlainScheduleBitForBit() {
    Graph graph = TfliteImporter.load(PatchCoverageModel.tflite(), "patch_coverage");
    List<byte[]> inputs = List.of(PatchBench.input(graph, 1), PatchBench.input(graph, 2));
    List<byte[]> expected = new ArrayList<>();
    CompiledModel plain = PatchBench.compile(graph, null);
    for (byte[] input : inputs) {
      expected.add(PatchBench.run(plain, input).output());
    }
    assertThat(expected.get(0)).isNotEqualTo(expected.get(1));

    List<String> ran = new ArrayList<>();
    for (int split = 1; split < graph.ops().size(); split++) {
      for (int grid = 2; grid <= 3; grid++) {
        PatchConfig config = new PatchConfig(split, grid);
        try {
          PatchStage.of(Preparer.prepare(graph), config);
        } catch (PatchNotApplicableException e) {
          continue;
        }
        CompiledModel model = PatchBench.compile(graph, config);
        for (int i = 0; i < inputs.size(); i++) {
          InferenceResult r = PatchBench.run(model, inputs.get(i));
          assertThat(r.output()).as("%s input %d", config, i).isEqualTo(expected.get(i));
        }
        ran.add(config.toString());
      }
    }
    CompiledModel portable = PatchBench.compile(graph, new PatchConfig(8, 3), KernelPath.PORTABLE);
    assertThat(PatchBench.run(portable, inputs.get(0)).output())
        .as("portable kernels")
        .isEqualTo(expected.get(0));
    // split 5 (two tensors cross) and 10 (1x1 output before the classifier) cannot run
    assertThat(ran)
        .hasSize(16)
        .contains("split=8,grid=3", "split=4,grid=2")
        .doesNotContain("split=5,grid=2");
  }
}
