package org.tinysim.engine.oracle.interpreter;

import java.util.Arrays;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.oracle.OpPreparation;
import org.tinysim.engine.oracle.PadInt8;
import org.tinysim.engine.oracle.ReshapeInt8;
import org.tinysim.engine.oracle.TransposeInt8;

/** PAD, RESHAPE and TRANSPOSE: data movement without arithmetic. */
final class LayoutRunners {

  private LayoutRunners() {}

  static OpRunner.Step pad(Op.Pad op) {
    byte padValue = (byte) OpPreparation.padValue(op);
    return v -> {
      byte[] out = Shapes.int8Output(op.output());
      int[] shape =
          PadInt8.run(
              op.input().shape().dims(),
              v.int8(op.input()),
              op.before(),
              op.after(),
              padValue,
              out);
      requireShape(shape, op.output().shape().dims());
      return TensorData.int8(out);
    };
  }

  /** Row-major data is unchanged; float tensors are reshaped too (a float graph tail). */
  static TensorData reshape(Op.Reshape op, Values v) {
    TensorData in = v.any(op.input());
    if (in instanceof TensorData.Float32 f) {
      if (f.length() != Shapes.elements(op.output())) {
        throw new IllegalArgumentException("reshape must preserve the element count");
      }
      return TensorData.float32(f.values().clone());
    }
    byte[] out = Shapes.int8Output(op.output());
    ReshapeInt8.run(op.input().shape().dims(), in.int8(), op.output().shape().dims(), out);
    return TensorData.int8(out);
  }

  static TensorData transpose(Op.Transpose op, Values v) {
    byte[] out = Shapes.int8Output(op.output());
    int[] shape = TransposeInt8.run(op.input().shape().dims(), v.int8(op.input()), op.perm(), out);
    requireShape(shape, op.output().shape().dims());
    return TensorData.int8(out);
  }

  private static void requireShape(int[] computed, int[] declared) {
    if (!Arrays.equals(computed, declared)) {
      throw new IllegalArgumentException(
          "computed output shape "
              + Arrays.toString(computed)
              + " differs from the declared "
              + Arrays.toString(declared));
    }
  }
}
