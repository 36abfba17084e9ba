package org.tinysim.engine.oracle.interpreter;

import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.oracle.LogSoftmaxInt8;
import org.tinysim.engine.oracle.LogSoftmaxParams;
import org.tinysim.engine.oracle.OpPreparation;
import org.tinysim.engine.oracle.SoftmaxInt8;
import org.tinysim.engine.oracle.SoftmaxParams;

/** SOFTMAX (int8) and LOG_SOFTMAX (int8, or float32 after a DEQUANTIZE), over the last axis. */
final class SoftmaxRunners {

  private SoftmaxRunners() {}

  static OpRunner.Step softmax(Op.Softmax op) {
    SoftmaxParams k = OpPreparation.softmax(op);
    return v -> {
      byte[] out = Shapes.int8Output(op.output());
      SoftmaxInt8.run(k, op.input().shape().last(), v.int8(op.input()), out);
      return TensorData.int8(out);
    };
  }

  static OpRunner.Step logSoftmax(Op.LogSoftmax op) {
    int depth = op.input().shape().last();
    if (op.input().type() == DataType.FLOAT32) {
      return v -> TensorData.float32(FloatLogSoftmax.run(v.float32(op.input()), depth));
    }
    LogSoftmaxParams k = OpPreparation.logSoftmax(op);
    return v -> {
      byte[] out = Shapes.int8Output(op.output());
      LogSoftmaxInt8.run(k, depth, v.int8(op.input()), out);
      return TensorData.int8(out);
    };
  }
}
