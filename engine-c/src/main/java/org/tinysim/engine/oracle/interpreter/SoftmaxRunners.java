package org.tinysim.engine.oracle.interpreter;

import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;
import org.tinysim.engine.oracle.LogSoftmaxInt8;
import org.tinysim.engine.oracle.LogSoftmaxParams;
import org.tinysim.engine.oracle.SoftmaxInt8;
import org.tinysim.engine.oracle.SoftmaxParams;

/** SOFTMAX (int8) and LOG_SOFTMAX (int8, or float32 after a DEQUANTIZE), over the last axis. */
final class SoftmaxRunners {

  private SoftmaxRunners() {}

  static TensorData softmax(Op.Softmax op, PreparedOp prepared, Values v) {
    OpParams.Softmax p = prepared.params(OpParams.Softmax.class);
    SoftmaxParams k = new SoftmaxParams(p.inputMultiplier(), p.inputLeftShift(), p.diffMin());
    byte[] out = Shapes.int8Output(op.output());
    SoftmaxInt8.run(k, op.input().shape().last(), v.int8(op.input()), out);
    return TensorData.int8(out);
  }

  static TensorData logSoftmax(Op.LogSoftmax op, PreparedOp prepared, Values v) {
    int depth = op.input().shape().last();
    if (prepared.params() instanceof OpParams.FloatOp) {
      return TensorData.float32(FloatLogSoftmax.run(v.float32(op.input()), depth));
    }
    OpParams.LogSoftmax p = prepared.params(OpParams.LogSoftmax.class);
    LogSoftmaxParams k = new LogSoftmaxParams(p.inputMultiplier(), p.inputLeftShift(),
        p.reverseScalingDivisor(), p.reverseScalingRightShift(), p.diffMin());
    byte[] out = Shapes.int8Output(op.output());
    LogSoftmaxInt8.run(k, depth, v.int8(op.input()), out);
    return TensorData.int8(out);
  }
}
