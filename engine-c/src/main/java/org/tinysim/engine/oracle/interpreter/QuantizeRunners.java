package org.tinysim.engine.oracle.interpreter;

import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Quantization;
import org.tinysim.engine.oracle.DequantizeInt8ToFloat;
import org.tinysim.engine.oracle.OpPreparation;
import org.tinysim.engine.oracle.QuantizeFloatToInt8;
import org.tinysim.engine.oracle.RequantizeInt8;
import org.tinysim.engine.oracle.RequantizeParams;

/** QUANTIZE (float32 to int8, or int8 to int8) and DEQUANTIZE (int8 to float32). */
final class QuantizeRunners {

  private QuantizeRunners() {}

  static OpRunner.Step quantize(Op.Quantize op) {
    if (op.input().type() == DataType.FLOAT32) {
      Quantization q = op.output().quantization();
      return v -> {
        byte[] out = Shapes.int8Output(op.output());
        QuantizeFloatToInt8.run(v.float32(op.input()), q.scale(), q.zeroPoint(), out);
        return TensorData.int8(out);
      };
    }
    RequantizeParams r = OpPreparation.requantize(op);
    return v -> {
      byte[] out = Shapes.int8Output(op.output());
      RequantizeInt8.run(
          v.int8(op.input()),
          r.inputZeroPoint(),
          r.outputZeroPoint(),
          r.multiplier(),
          r.shift(),
          out);
      return TensorData.int8(out);
    };
  }

  static TensorData dequantize(Op.Dequantize op, Values v) {
    Quantization q = op.input().quantization();
    float[] out = new float[Shapes.elements(op.output())];
    DequantizeInt8ToFloat.run(v.int8(op.input()), q.scale(), q.zeroPoint(), out);
    return TensorData.float32(out);
  }
}
