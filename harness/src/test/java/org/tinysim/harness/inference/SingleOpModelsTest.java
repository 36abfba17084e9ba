package org.tinysim.harness.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Padding;
import org.tinysim.engine.ir.Shape;
import org.tinysim.engine.oracle.interpreter.InterpreterRun;
import org.tinysim.engine.oracle.interpreter.LayerMismatch;
import org.tinysim.engine.oracle.interpreter.ReferenceInterpreter;
import org.tinysim.harness.inference.RandomOps.Geometry;
import org.tinysim.harness.toolchain.KernelPath;

/**
 * Randomised single-op models, all in one firmware per kernel path (each op is its own branch with
 * its own inputs and output): the board's outputs must equal the ReferenceInterpreter's byte for
 * byte, for the DSP and the portable kernel bodies. The one exception is float32 LOG_SOFTMAX
 * (expf/logf in C vs double exp/log in Java), checked within 1e-4.
 */
class SingleOpModelsTest {

  private static final long SEED = 0x5EED_C0DEL;
  private static final int ROUNDS = 3;
  private static final double FLOAT_LOG_SOFTMAX_TOLERANCE = 1e-4;

  @ParameterizedTest
  @EnumSource(KernelPath.class)
  void everyOpMatchesTheReferenceBitExactly(KernelPath path) {
    GraphBuilder g = new GraphBuilder();
    RandomOps r = new RandomOps(SEED, g);
    r.conv(9, 7, 5, 7, new Geometry(1, 1, 1, 1, Padding.VALID), true, true, Activation.NONE);
    r.conv(8, 8, 3, 6, new Geometry(3, 3, 1, 1, Padding.SAME), true, true, Activation.RELU);
    r.conv(11, 9, 4, 5, new Geometry(3, 3, 2, 1, Padding.VALID), false, true, Activation.RELU6);
    r.conv(10, 10, 6, 3, new Geometry(1, 1, 2, 1, Padding.SAME), true, false, Activation.NONE);
    r.conv(9, 9, 3, 4, new Geometry(3, 3, 2, 1, Padding.SAME), true, true, Activation.NONE);
    r.conv(10, 8, 2, 3, new Geometry(3, 3, 1, 2, Padding.SAME), true, true, Activation.NONE);
    r.depthwise(8, 8, 8, 1, new Geometry(3, 3, 1, 1, Padding.SAME), Activation.NONE);
    r.depthwise(9, 11, 7, 1, new Geometry(3, 3, 2, 1, Padding.VALID), Activation.RELU);
    r.depthwise(9, 9, 5, 2, new Geometry(5, 5, 1, 1, Padding.SAME), Activation.NONE);
    r.depthwise(12, 12, 3, 1, new Geometry(5, 5, 2, 1, Padding.SAME), Activation.RELU6);
    r.depthwise(7, 7, 4, 3, new Geometry(3, 3, 1, 1, Padding.VALID), Activation.NONE);
    r.fullyConnected(1, 37, 10, false, Activation.NONE);
    r.fullyConnected(2, 16, 5, true, Activation.RELU);
    r.add(Shape.of(1, 5, 5, 3), Activation.NONE);
    r.add(Shape.of(1, 4, 4, 7), Activation.RELU);
    r.pool(false, 8, 8, 5, 2, 2, Padding.VALID);
    r.pool(false, 7, 7, 3, 3, 1, Padding.SAME);
    r.pool(true, 9, 9, 6, 3, 2, Padding.SAME);
    r.pool(true, 6, 6, 4, 2, 2, Padding.VALID);
    r.mean(5, 6, 7);
    r.pad(4, 5, 3, new int[] {0, 1, 2, 0}, new int[] {0, 2, 1, 0});
    r.softmax(3, 10);
    r.logSoftmax(2, 9);
    r.floatLogSoftmax(3, 10);
    r.transpose(Shape.of(1, 3, 4, 5), new int[] {0, 3, 1, 2});
    r.transpose(Shape.of(6, 7), new int[] {1, 0});
    r.requantize(Shape.of(1, 4, 4, 3));
    r.quantizeFloat(Shape.of(1, 20));
    r.dequantize(Shape.of(1, 13));
    r.meanLastAxis(Shape.of(1, 5, 3, 3));
    Graph graph = g.build("single-ops");
    ReferenceInterpreter oracle = new ReferenceInterpreter(graph);

    CompiledModel compiled =
        new ModelCompiler(BuildDirs.root()).compile(graph, CodegenOptions.defaults(), path);
    try (ModelRunner runner = ModelRunner.start(compiled)) {
      for (int round = 0; round < ROUNDS; round++) {
        List<byte[]> inputs = graph.inputs().stream().map(r::randomInput).toList();
        InferenceResult result = runner.infer(inputs);
        InterpreterRun expected = oracle.runAll(BoardOracle.inputs(graph, inputs));
        for (Op op : graph.ops()) {
          byte[] want = expected.tensor(op.output().id()).toLittleEndianBytes();
          assertThat(distinct(want))
              .as("op %d: a useful case has varied outputs %s", op.index(), Arrays.toString(want))
              .isGreaterThan(1);
        }
        Map<Integer, byte[]> exact = BoardOracle.byProducer(graph, result.outputs());
        assertThat(exact).as("every op's output is a graph output").hasSize(graph.ops().size());
        Map<Integer, byte[]> approximate = new HashMap<>();
        graph.ops().stream()
            .filter(SingleOpModelsTest::isFloatLogSoftmax)
            .forEach(op -> approximate.put(op.index(), exact.remove(op.index())));
        assertThat(approximate).hasSize(1);
        check(path, round, expected.firstMismatch(exact));
        check(path, round, expected.firstMismatch(approximate, FLOAT_LOG_SOFTMAX_TOLERANCE));
        assertThat(Arrays.stream(result.layerCycles()).min().orElseThrow())
            .as("cycles of the fastest op")
            .isPositive();
      }
    }
  }

  private static void check(KernelPath path, int round, Optional<LayerMismatch> m) {
    assertThat(m).as("%s round %d: %s", path, round, BoardOracle.describe(m)).isEmpty();
  }

  private static boolean isFloatLogSoftmax(Op op) {
    return op instanceof Op.LogSoftmax s && s.input().type() == DataType.FLOAT32;
  }

  private static long distinct(byte[] values) {
    return IntStream.range(0, values.length).map(i -> values[i]).distinct().count();
  }
}
