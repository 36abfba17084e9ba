package org.tinysim.harness.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Padding;
import org.tinysim.engine.ir.Shape;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.oracle.interpreter.InterpreterRun;
import org.tinysim.engine.oracle.interpreter.LayerMismatch;
import org.tinysim.engine.oracle.interpreter.ReferenceInterpreter;
import org.tinysim.harness.inference.RandomOps.Geometry;
import org.tinysim.harness.toolchain.KernelPath;

/**
 * The memory rewrites of code generation on the board, bit-exact against the reference: PADs folded
 * into the convolution or depthwise that reads them (asymmetric amounts, strides 1 and 2, 1x1, 3x3
 * and 7x7 windows, an in-place depthwise behind a folded PAD), a PAD that is a graph output staying
 * a copy, and the float input's QUANTIZE run in place on values at and around every rounding tie.
 */
class FusedMemoryOnBoardTest {

  private static final Geometry DW3_S1 = new Geometry(3, 3, 1, 1, Padding.VALID);
  private static final Geometry DW3_S2 = new Geometry(3, 3, 2, 1, Padding.VALID);

  @Test
  void foldedPadsMatchTheReferenceOnBothKernelPaths() {
    GraphBuilder g = new GraphBuilder();
    RandomOps r = new RandomOps(1212, g);
    List<Integer> folded = new ArrayList<>();
    // asymmetric, stride 1, 3x3 depthwise (the 3x3 kernel's path)
    Tensor a = g.input("a", Shape.of(1, 11, 10, 8), 0.05f, 3);
    folded.add(g.nextOpIndex());
    r.depthwiseOn(
        r.padOn(a, new int[] {0, 1, 2, 0}, new int[] {0, 2, 1, 0}, false),
        1,
        DW3_S1,
        Activation.RELU,
        true);
    // mcunet's shape of op 6/7: pad 1 all round, stride 2; then a depthwise that may go in place
    Tensor b = g.input("b", Shape.of(1, 12, 12, 4), 0.04f, -5);
    folded.add(g.nextOpIndex());
    Tensor bd =
        r.depthwiseOn(
            r.padOn(b, new int[] {0, 1, 1, 0}, new int[] {0, 1, 1, 0}, false),
            1,
            DW3_S2,
            Activation.NONE,
            false);
    r.depthwiseOn(bd, 1, new Geometry(3, 3, 1, 1, Padding.SAME), Activation.NONE, true);
    // 7x7 stride 2 with pad 3 (the general depthwise kernel)
    Tensor c = g.input("c", Shape.of(1, 9, 9, 5), 0.03f, 7);
    folded.add(g.nextOpIndex());
    r.depthwiseOn(
        r.padOn(c, new int[] {0, 3, 3, 0}, new int[] {0, 3, 3, 0}, false),
        1,
        new Geometry(7, 7, 2, 1, Padding.VALID),
        Activation.NONE,
        true);
    // 3x3 conv, stride 2, padding after only; and a SAME conv whose own padding adds up
    Tensor d = g.input("d", Shape.of(1, 9, 9, 3), 0.06f, -2);
    folded.add(g.nextOpIndex());
    r.convOn(
        r.padOn(d, new int[] {0, 0, 0, 0}, new int[] {0, 1, 1, 0}, false),
        6,
        new Geometry(3, 3, 2, 1, Padding.VALID),
        Activation.RELU6);
    Tensor e = g.input("e", Shape.of(1, 6, 7, 4), 0.05f, 1);
    folded.add(g.nextOpIndex());
    r.convOn(
        r.padOn(e, new int[] {0, 1, 0, 0}, new int[] {0, 0, 2, 0}, false),
        5,
        new Geometry(3, 3, 1, 1, Padding.SAME),
        Activation.NONE);
    // a padded 1x1 conv leaves the 1x1 fast path for the padded one
    Tensor f = g.input("f", Shape.of(1, 6, 6, 8), 0.05f, 0);
    folded.add(g.nextOpIndex());
    r.convOn(
        r.padOn(f, new int[] {0, 1, 1, 0}, new int[] {0, 1, 1, 0}, false),
        4,
        new Geometry(1, 1, 1, 1, Padding.VALID),
        Activation.NONE);
    // a PAD that is also a graph output must stay a copy
    Tensor h = g.input("h", Shape.of(1, 5, 5, 4), 0.05f, 2);
    int kept = g.nextOpIndex();
    r.depthwiseOn(
        r.padOn(h, new int[] {0, 1, 1, 0}, new int[] {0, 1, 1, 0}, true),
        1,
        DW3_S1,
        Activation.NONE,
        true);
    Graph graph = g.build("folded-pads");

    for (KernelPath path : KernelPath.values()) {
      CompiledModel compiled =
          new ModelCompiler(BuildDirs.root()).compile(graph, CodegenOptions.defaults(), path);
      for (int op : folded) {
        assertThat(compiled.code().arena().materialises(op)).as("op %d folded", op).isFalse();
      }
      assertThat(compiled.code().arena().materialises(kept)).isTrue();
      String modelC = compiled.code().files().get("model.c");
      assertThat(modelC.split("tsn_pad_s8\\(", -1)).as("one PAD copy left").hasSize(2);
      assertThat(compiled.arenaBytes())
          .as("smaller than without folding")
          .isLessThan(
              new ModelCompiler(BuildDirs.root())
                  .compile(graph, CodegenOptions.defaults().withFuse(false), path)
                  .arenaBytes());
      runAgainstTheReference(graph, compiled, r, path);
    }
  }

  @Test
  void inPlaceDepthwiseBehindAFoldedPadMatchesTheReference() {
    GraphBuilder g = new GraphBuilder();
    RandomOps r = new RandomOps(4, g);
    Tensor in = g.input("in", Shape.of(1, 16, 16, 12), 0.05f, -3);
    Tensor padded = r.padOn(in, new int[] {0, 1, 1, 0}, new int[] {0, 1, 1, 0}, false);
    r.depthwiseOn(padded, 1, DW3_S2, Activation.RELU, true);
    Graph graph = g.build("in-place-behind-pad");
    CompiledModel compiled =
        new ModelCompiler(BuildDirs.root())
            .compile(graph, CodegenOptions.defaults(), KernelPath.DSP);
    assertThat(compiled.code().arena().materialises(0)).isFalse();
    assertThat(compiled.code().arena().inPlace(1))
        .as("depthwise at the peak goes in place")
        .isTrue();
    assertThat(compiled.arenaBytes()).isLessThan(16 * 16 * 12 + 8 * 8 * 12);
    runAgainstTheReference(graph, compiled, r, KernelPath.DSP);
  }

  @Test
  void floatInputQuantizeRunsInPlaceAndRoundsTiesAsTheDivision() {
    GraphBuilder g = new GraphBuilder();
    Tensor in = g.floatInput("x", Shape.of(1, 2000));
    float scale = 0.007839307f;
    Tensor q = g.activation("q", Shape.of(1, 2000), scale, 3);
    g.op(new Op.Quantize(0, in, q));
    Graph graph = g.build("quantize-ties");
    CompiledModel compiled =
        new ModelCompiler(BuildDirs.root())
            .compile(graph, CodegenOptions.defaults(), KernelPath.DSP);
    assertThat(compiled.code().arena().inPlace(0)).isTrue();
    assertThat(compiled.arenaBytes()).isEqualTo(2000 * 4);
    float[] x = new float[2000];
    int i = 0;
    // Not +-inf or |x| / scale >= 2^63: there the oracle's long arithmetic wraps (both C paths
    // saturate; ScaledQuantizeTest pins them to the division).
    float[] special = {
      Float.NaN, -0f, 0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e6f, -1e6f, 300 * scale, -300 * scale
    };
    for (float v : special) {
      x[i++] = v;
    }
    for (int half = -300; i + 6 < x.length; half++) {
      int bits = Float.floatToRawIntBits(half * 0.5f * scale);
      for (int d = -3; d <= 3; d++) {
        x[i++] = Float.intBitsToFloat(bits + d);
      }
    }
    try (ModelRunner runner = ModelRunner.start(compiled)) {
      InferenceResult result = runner.infer(List.of(BoardOracle.bytes(x)));
      InterpreterRun expected =
          new ReferenceInterpreter(graph)
              .runAll(BoardOracle.inputs(graph, List.of(BoardOracle.bytes(x))));
      Optional<LayerMismatch> m =
          expected.firstMismatch(BoardOracle.byProducer(graph, result.outputs()));
      assertThat(m).as(BoardOracle.describe(m)).isEmpty();
    }
  }

  private static void runAgainstTheReference(
      Graph graph, CompiledModel compiled, RandomOps r, KernelPath path) {
    ReferenceInterpreter oracle = new ReferenceInterpreter(graph);
    try (ModelRunner runner = ModelRunner.start(compiled)) {
      for (int round = 0; round < 2; round++) {
        List<byte[]> inputs = graph.inputs().stream().map(r::randomInput).toList();
        InferenceResult result = runner.infer(inputs);
        InterpreterRun expected = oracle.runAll(BoardOracle.inputs(graph, inputs));
        Map<Integer, byte[]> outputs = BoardOracle.byProducer(graph, result.outputs());
        Optional<LayerMismatch> m = expected.firstMismatch(outputs);
        assertThat(m).as("%s round %d: %s", path, round, BoardOracle.describe(m)).isEmpty();
      }
    }
  }
}
