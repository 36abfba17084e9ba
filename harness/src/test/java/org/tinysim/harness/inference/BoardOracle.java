package org.tinysim.harness.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.oracle.interpreter.InterpreterRun;
import org.tinysim.engine.oracle.interpreter.LayerMismatch;
import org.tinysim.engine.oracle.interpreter.TensorData;

/**
 * Glue between the board's raw I/O bytes and engine-c's ReferenceInterpreter, which is the one
 * oracle: the tests only convert bytes and ask the interpreter run for the first mismatch.
 */
final class BoardOracle {

  private BoardOracle() {}

  /** The interpreter's view of bytes written to graph input {@code t} on the board. */
  static TensorData input(Tensor t, byte[] raw) {
    return t.type() == DataType.FLOAT32
        ? TensorData.float32(floats(raw))
        : TensorData.int8(raw.clone());
  }

  static List<TensorData> inputs(Graph g, List<byte[]> raw) {
    return java.util.stream.IntStream.range(0, raw.size())
        .mapToObj(i -> input(g.inputs().get(i), raw.get(i)))
        .toList();
  }

  static float[] floats(byte[] raw) {
    float[] out = new float[raw.length / 4];
    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  static byte[] bytes(float[] values) {
    return TensorData.float32(values).toLittleEndianBytes();
  }

  /**
   * The board's graph outputs keyed by the index of the op producing each one: the board only
   * exposes graph outputs, and firstMismatch compares per op.
   */
  static Map<Integer, byte[]> byProducer(Graph g, List<byte[]> boardOutputs) {
    Map<Integer, byte[]> byOp = new HashMap<>();
    for (int i = 0; i < boardOutputs.size(); i++) {
      int id = g.outputs().get(i).id();
      Op producer =
          g.ops().stream()
              .filter(op -> op.output().id() == id)
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "graph output " + id + " is not produced by an op"));
      byOp.put(producer.index(), boardOutputs.get(i));
    }
    return byOp;
  }

  /** First graph output the board got wrong (int8 exactly, float32 within the tolerance). */
  static Optional<LayerMismatch> mismatch(
      InterpreterRun expected, List<byte[]> boardOutputs, double floatTolerance) {
    return expected.firstMismatch(byProducer(expected.graph(), boardOutputs), floatTolerance);
  }

  /** Largest absolute difference over the float32 graph outputs (0 when there are none). */
  static double maxFloatError(InterpreterRun expected, List<byte[]> boardOutputs) {
    double max = 0;
    for (int i = 0; i < boardOutputs.size(); i++) {
      if (expected.output(i).type() == DataType.FLOAT32) {
        float[] want = expected.output(i).float32();
        float[] got = floats(boardOutputs.get(i));
        for (int j = 0; j < Math.min(want.length, got.length); j++) {
          max = Math.max(max, Math.abs((double) want[j] - got[j]));
        }
      }
    }
    return max;
  }

  static String describe(Optional<LayerMismatch> m) {
    return m.map(LayerMismatch::describe).orElse("equal");
  }
}
