package org.tinysim.engine.oracle.interpreter;

import org.tinysim.engine.ir.Op;
import org.tinysim.engine.oracle.AddInt8;
import org.tinysim.engine.oracle.AddParams;
import org.tinysim.engine.oracle.MulParams;
import org.tinysim.engine.oracle.OpPreparation;

/** ADD and MUL, with numpy broadcasting when the input shapes differ. */
final class ElementwiseRunners {

  private ElementwiseRunners() {}

  static OpRunner.Step add(Op.Add op) {
    AddParams k = OpPreparation.add(op);
    boolean broadcast = !op.input1().shape().equals(op.input2().shape());
    return v -> {
      byte[] out = Shapes.int8Output(op.output());
      byte[] a = v.int8(op.input1());
      byte[] b = v.int8(op.input2());
      if (broadcast) {
        AddInt8.runBroadcast(
            k,
            op.input1().shape().dims(),
            a,
            op.input2().shape().dims(),
            b,
            op.output().shape().dims(),
            out);
      } else {
        AddInt8.run(k, a, b, out);
      }
      return TensorData.int8(out);
    };
  }

  static OpRunner.Step mul(Op.Mul op) {
    MulParams k = OpPreparation.mul(op);
    int[] outShape = op.output().shape().dims();
    int[] index1 = Broadcast.sourceIndices(op.input1().shape().dims(), outShape);
    int[] index2 = Broadcast.sourceIndices(op.input2().shape().dims(), outShape);
    return v -> {
      byte[] out = Shapes.int8Output(op.output());
      MulInt8.run(k, v.int8(op.input1()), index1, v.int8(op.input2()), index2, out);
      return TensorData.int8(out);
    };
  }
}
