package org.tinysim.harness.golden;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
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
import org.tinysim.engine.oracle.interpreter.ReferenceInterpreter;
import org.tinysim.engine.oracle.interpreter.TensorData;
import org.tinysim.engine.prepare.PreparedGraph;

/** Board bytes against engine-c's Java int8 reference, which stays the one oracle. */
final class ReferenceCheck {

  private final ReferenceInterpreter interpreter;

  ReferenceCheck(PreparedGraph prepared) {
    this.interpreter = new ReferenceInterpreter(prepared.graph());
  }

  Graph graph() {
    return interpreter.graph();
  }

  /** Every layer's output for one record (graph inputs in graph order). */
  InterpreterRun run(List<byte[]> inputs) {
    List<TensorData> data = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      Tensor t = interpreter.graph().inputs().get(i);
      data.add(
          t.type() == DataType.FLOAT32
              ? TensorData.float32(floats(inputs.get(i)))
              : TensorData.int8(inputs.get(i).clone()));
    }
    return interpreter.runAll(data);
  }

  /** First graph output the board got wrong (int8 exactly, float32 within the tolerance). */
  Optional<LayerMismatch> compareOutputs(
      InterpreterRun expected, List<byte[]> boardOutputs, double floatTolerance) {
    Graph g = expected.graph();
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
    return expected.firstMismatch(byOp, floatTolerance);
  }

  static float[] floats(byte[] raw) {
    float[] out = new float[raw.length / 4];
    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }
}
