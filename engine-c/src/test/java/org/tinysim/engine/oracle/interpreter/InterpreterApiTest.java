package org.tinysim.engine.oracle.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.tflite.TestModels;

/** Per-layer results, layer comparison, input checking and error messages. */
class InterpreterApiTest {

  private final ReferenceInterpreter chain = TinyModels.interpreter(TestModels.chain());

  private static byte[] input() {
    return ConvFamilyTest.random(8 * 8 * 3, 7);
  }

  @Test
  void runAllKeepsEveryLayerInExecutionOrder() {
    InterpreterRun run = chain.runAll(TensorData.int8(input()));

    assertThat(run.layers())
        .extracting(l -> l.op().opName())
        .containsExactly(
            "CONV_2D",
            "DEPTHWISE_CONV_2D",
            "ADD",
            "AVERAGE_POOL_2D",
            "RESHAPE",
            "FULLY_CONNECTED",
            "SOFTMAX");
    for (LayerResult layer : run.layers()) {
      assertThat(run.tensor(layer.tensor().id())).isSameAs(layer.output());
      assertThat(layer.output().length()).isEqualTo(layer.tensor().shape().elementCount());
    }
    // The graph input is kept too, and run() returns the same outputs as runAll().
    assertThat(run.tensor(chain.graph().inputs().get(0).id()).int8()).isEqualTo(input());
    assertThat(chain.run(TensorData.int8(input())).get(0).int8()).isEqualTo(run.output(0).int8());
    // RESHAPE only relabels the pooled values.
    assertThat(run.layer(4).output().int8()).isEqualTo(run.layer(3).output().int8());
  }

  @Test
  void inputsMayBeKeyedByTensorId() {
    int id = chain.graph().inputs().get(0).id();
    InterpreterRun byId = chain.runAll(Map.of(id, TensorData.int8(input())));
    byte[] expected = chain.run(TensorData.int8(input())).get(0).int8();
    assertThat(byId.output(0).int8()).isEqualTo(expected);
    assertThat(chain.run(Map.of(id, TensorData.int8(input()))).get(0).int8()).isEqualTo(expected);
  }

  @Test
  void firstMismatchNamesTheEarliestDifferingLayer() {
    InterpreterRun run = chain.runAll(TensorData.int8(input()));
    Map<Integer, byte[]> board = new HashMap<>();
    for (LayerResult l : run.layers()) {
      board.put(l.index(), l.output().toLittleEndianBytes());
    }
    assertThat(run.firstMismatch(board)).isEmpty();

    byte[] add = board.get(2);
    int expected = add[37];
    add[37] += 1;
    board.get(5)[0] += 1; // a later layer differs as well
    Optional<LayerMismatch> m = run.firstMismatch(board);

    assertThat(m).isPresent();
    assertThat(m.get().op().index()).isEqualTo(2);
    assertThat(m.get().elementIndex()).isEqualTo(37);
    assertThat(m.get().expected()).isEqualTo(expected);
    assertThat(m.get().actual()).isEqualTo((byte) (expected + 1));
    assertThat(m.get().differingElements()).isEqualTo(1);
    // 37 in 1x8x8x4 is (0, 1, 1, 1).
    assertThat(m.get().describe()).contains("operator 2 (ADD)", "[0, 1, 1, 1]");
  }

  @Test
  void firstMismatchReportsSizeDifferences() {
    InterpreterRun run = chain.runAll(TensorData.int8(input()));
    LayerMismatch m = run.firstMismatch(Map.of(6, new byte[2])).orElseThrow();
    assertThat(m.elementIndex()).isEqualTo(-1);
    assertThat(m.describe()).contains("operator 6 (SOFTMAX)", "expected 3 bytes, got 2");
  }

  @Test
  void floatLayersCompareWithinTolerance() {
    ReferenceInterpreter interp = TinyModels.interpreter(TestModels.quantizeChain());
    InterpreterRun run = interp.runAll(TensorData.float32(new float[] {1f, 2f, 3f, 4f}));
    byte[] bytes = run.layer(2).output().toLittleEndianBytes();
    // Little-endian float32: 1.0f is 00 00 80 3F; the first value dequantises to 1.0.
    assertThat(run.layer(2).output().float32()[0]).isEqualTo(1f);
    assertThat(new byte[] {bytes[0], bytes[1], bytes[2], bytes[3]})
        .containsExactly(0x00, 0x00, 0x80, 0x3F);
    bytes[0] = 1; // one ulp off
    assertThat(run.firstMismatch(Map.of(2, bytes))).isPresent();
    assertThat(run.firstMismatch(Map.of(2, bytes), 1e-6)).isEmpty();
  }

  @Test
  void wrongInputSizeIsNamed() {
    assertThatThrownBy(() -> chain.run(TensorData.int8(new byte[10])))
        .isInstanceOf(InterpreterException.class)
        .hasMessageContaining("input 0")
        .hasMessageContaining("needs 192 values, got 10");
  }

  @Test
  void wrongInputTypeAndCountAreNamed() {
    assertThatThrownBy(() -> chain.run(TensorData.float32(new float[192])))
        .isInstanceOf(InterpreterException.class)
        .hasMessageContaining("needs INT8 data, got FLOAT32");
    assertThatThrownBy(() -> chain.run(List.of()))
        .isInstanceOf(InterpreterException.class)
        .hasMessageContaining("has 1 input(s), got 0");
    assertThatThrownBy(() -> chain.runAll(Map.of(999, TensorData.int8(input()))))
        .isInstanceOf(InterpreterException.class)
        .hasMessageContaining("was not given");
  }

  @Test
  void inputArraysAreCopied() {
    byte[] in = input();
    InterpreterRun run = chain.runAll(TensorData.int8(in));
    in[0] ^= 1;
    assertThat(run.tensor(chain.graph().inputs().get(0).id()).int8()[0]).isNotEqualTo(in[0]);
  }

  @Test
  void operatorWithoutRunnerFailsAtConstruction() {
    var graph = TfliteImporter.load(TestModels.chain(), "chain.tflite");
    assertThatThrownBy(() -> new ReferenceInterpreter(graph, new OpRunners()))
        .isInstanceOf(InterpreterException.class)
        .hasMessageContaining("model chain.tflite, operator 0 (CONV_2D)")
        .hasMessageContaining("not supported");
  }

  @Test
  void unsupportedCaseNamesTheOperator() {
    ReferenceInterpreter interp = TinyModels.interpreter(TinyModels.meanNonContiguous());
    assertThatThrownBy(() -> interp.run(TensorData.int8(new byte[24])))
        .isInstanceOf(InterpreterException.class)
        .hasMessageContaining("operator 0 (MEAN)")
        .hasMessageContaining("non-contiguous axes [1, 3]");
  }

  @Test
  void tensorDataAccessorsRejectTheOtherType() {
    assertThatThrownBy(() -> TensorData.int8(new byte[1]).float32())
        .hasMessageContaining("INT8, not FLOAT32");
    assertThatThrownBy(() -> TensorData.float32(new float[1]).int8())
        .hasMessageContaining("FLOAT32, not INT8");
  }
}
