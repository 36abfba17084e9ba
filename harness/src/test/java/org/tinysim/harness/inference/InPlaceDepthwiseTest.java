package org.tinysim.harness.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Padding;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.oracle.interpreter.InterpreterRun;
import org.tinysim.engine.oracle.interpreter.LayerMismatch;
import org.tinysim.engine.oracle.interpreter.ReferenceInterpreter;
import org.tinysim.engine.oracle.interpreter.TensorData;
import org.tinysim.harness.inference.RandomOps.Geometry;
import org.tinysim.harness.toolchain.KernelPath;

/**
 * A depthwise chain whose convolutions the planner lets overwrite their inputs: the in-place
 * variant must give the reference's bytes and a smaller arena than without in-place.
 */
class InPlaceDepthwiseTest {

  @Test
  void inPlaceChainMatchesTheReferenceInASmallerArena() {
    GraphBuilder g = new GraphBuilder();
    RandomOps r = new RandomOps(77, g);
    Tensor in = g.input("dw_in", org.tinysim.engine.ir.Shape.of(1, 10, 9, 6), 0.05f, 3);
    Tensor a = r.depthwiseOn(in, 1, new Geometry(3, 3, 1, 1, Padding.SAME), Activation.RELU, false);
    Tensor b = r.depthwiseOn(a, 1, new Geometry(3, 3, 2, 1, Padding.SAME), Activation.NONE, false);
    r.depthwiseOn(b, 1, new Geometry(5, 5, 1, 1, Padding.VALID), Activation.NONE, true);
    Graph graph = g.build("inplace-dw");
    ReferenceInterpreter oracle = new ReferenceInterpreter(graph);

    CompiledModel compiled =
        new ModelCompiler(BuildDirs.root())
            .compile(graph, CodegenOptions.defaults().withInPlace(true), KernelPath.DSP);
    // The graph input is also live at op 0 only, so every link of the chain qualifies.
    for (int op = 0; op < 3; op++) {
      assertThat(compiled.code().arena().inPlace(op)).as("op %d in place", op).isTrue();
    }
    assertThat(compiled.arenaSizes().greedyInPlace()).isLessThan(compiled.arenaSizes().greedy());
    assertThat(compiled.arenaBytes()).isEqualTo(compiled.arenaSizes().greedyInPlace());

    try (ModelRunner runner = ModelRunner.start(compiled)) {
      for (int round = 0; round < 2; round++) {
        byte[] input = r.randomInput(in);
        InterpreterRun expected = oracle.runAll(TensorData.int8(input));
        Optional<LayerMismatch> m =
            BoardOracle.mismatch(expected, runner.infer(input).outputs(), 0);
        assertThat(m).as("round %d: %s", round, BoardOracle.describe(m)).isEmpty();
      }
    }
  }
}
