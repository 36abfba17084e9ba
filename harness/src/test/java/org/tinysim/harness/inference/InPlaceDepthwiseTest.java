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

    matchesReference(compiled, oracle, r, in);
  }

  /**
   * Wide stride-1 maps take the plane kernel, which runs in place without gathering channels: the
   * plain call on the input's own bytes, given the plane as scratch. The default options put the
   * peak op in place with the fastest scratch that reaches the smallest arena.
   */
  @Test
  void wideMapsRunThePlaneKernelInPlace() {
    GraphBuilder g = new GraphBuilder();
    RandomOps r = new RandomOps(78, g);
    Tensor in = g.input("dw_in", org.tinysim.engine.ir.Shape.of(1, 13, 14, 8), 0.05f, -5);
    Tensor a = r.depthwiseOn(in, 1, new Geometry(3, 3, 1, 1, Padding.SAME), Activation.RELU, false);
    r.depthwiseOn(a, 1, new Geometry(5, 5, 1, 1, Padding.SAME), Activation.NONE, true);
    Graph graph = g.build("inplace-plane");
    ReferenceInterpreter oracle = new ReferenceInterpreter(graph);

    CompiledModel compiled =
        new ModelCompiler(BuildDirs.root())
            .compile(graph, CodegenOptions.defaults(), KernelPath.DSP);
    assertThat(compiled.code().arena().inPlace(0)).as("the peak op in place").isTrue();
    assertThat(compiled.arenaBytes()).isLessThan(compiled.arenaSizes().greedy());
    String model = compiled.code().files().get("model.c");
    String body = model.substring(model.indexOf("static tsn_status op0(void)"));
    body = body.substring(0, body.indexOf("\n}\n"));
    String data = "(tinysim_arena + " + compiled.code().arena().offsetOf(a) + ")";
    assertThat(body)
        .doesNotContain("in_col")
        .contains("tsn_depthwise_conv_wrapper_s8")
        .contains("&op0_input_dims, " + data)
        .contains("&op0_output_dims, " + data);
    matchesReference(compiled, oracle, r, in);
  }

  private static void matchesReference(
      CompiledModel compiled, ReferenceInterpreter oracle, RandomOps r, Tensor in) {
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
