package org.tinysim.engine.oracle.interpreter;

import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;
import org.tinysim.engine.oracle.AddInt8;
import org.tinysim.engine.oracle.AddParams;

/** ADD and MUL, with numpy broadcasting. */
final class ElementwiseRunners {

  private ElementwiseRunners() {}

  static TensorData add(Op.Add op, PreparedOp prepared, Values v) {
    OpParams.Add p = prepared.params(OpParams.Add.class);
    AddParams k = new AddParams(p.input1Offset(), p.input2Offset(), p.leftShift(),
        p.input1Multiplier(), p.input1Shift(), p.input2Multiplier(), p.input2Shift(),
        p.outputMultiplier(), p.outputShift(), p.outputOffset(), p.actMin(), p.actMax());
    byte[] out = Shapes.int8Output(op.output());
    byte[] a = v.int8(op.input1());
    byte[] b = v.int8(op.input2());
    if (p.broadcast()) {
      AddInt8.runBroadcast(k, op.input1().shape().dims(), a, op.input2().shape().dims(), b,
          op.output().shape().dims(), out);
    } else {
      AddInt8.run(k, a, b, out);
    }
    return TensorData.int8(out);
  }

  static TensorData mul(Op.Mul op, PreparedOp prepared, Values v) {
    OpParams.Mul p = prepared.params(OpParams.Mul.class);
    int[] outShape = op.output().shape().dims();
    byte[] out = Shapes.int8Output(op.output());
    MulInt8.run(p, v.int8(op.input1()),
        Broadcast.sourceIndices(op.input1().shape().dims(), outShape), v.int8(op.input2()),
        Broadcast.sourceIndices(op.input2().shape().dims(), outShape), out);
    return TensorData.int8(out);
  }
}
