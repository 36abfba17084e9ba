package org.tinysim.engine.oracle.interpreter;

import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;
import org.tinysim.engine.oracle.DequantizeInt8ToFloat;
import org.tinysim.engine.oracle.QuantizeFloatToInt8;
import org.tinysim.engine.oracle.RequantizeInt8;

/** QUANTIZE (float32 to int8, or int8 to int8) and DEQUANTIZE (int8 to float32). */
final class QuantizeRunners {

  private QuantizeRunners() {}

  static TensorData quantize(Op.Quantize op, PreparedOp prepared, Values v) {
    byte[] out = Shapes.int8Output(op.output());
    if (prepared.params() instanceof OpParams.Quantize q) {
      QuantizeFloatToInt8.run(v.float32(op.input()), q.outputScale(), q.outputZeroPoint(), out);
    } else {
      OpParams.Requantize r = prepared.params(OpParams.Requantize.class);
      RequantizeInt8.run(v.int8(op.input()), r.inputZeroPoint(), r.outputZeroPoint(),
          r.multiplier(), r.shift(), out);
    }
    return TensorData.int8(out);
  }

  static TensorData dequantize(Op.Dequantize op, PreparedOp prepared, Values v) {
    OpParams.Dequantize p = prepared.params(OpParams.Dequantize.class);
    float[] out = new float[Shapes.elements(op.output())];
    DequantizeInt8ToFloat.run(v.int8(op.input()), p.scale(), p.zeroPoint(), out);
    return TensorData.float32(out);
  }
}
