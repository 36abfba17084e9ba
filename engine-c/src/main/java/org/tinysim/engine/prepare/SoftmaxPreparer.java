package org.tinysim.engine.prepare;

import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Quantization;
import org.tinysim.engine.ir.QuantizedMultiplier;

/** Prepare steps of SOFTMAX and LOG_SOFTMAX (int8 reference kernels). */
final class SoftmaxPreparer {

  /** Integer bits of the scaled input differences in TFLite's fixed-point exp. */
  static final int SCALED_DIFF_INTEGER_BITS = 5;

  private SoftmaxPreparer() {}

  static OpParams.Softmax softmax(Op.Softmax s, Preparer.Where where) {
    Quantization out = s.output().quantization();
    // TFLite's int8 softmax only writes probabilities as q/256 - 128.
    if (out.zeroPoint() != -128 || Math.abs(out.scale() - 1f / 256) > 0.001f / 256) {
      throw where.unsupported(
          "int8 softmax output must have scale 1/256 and zero point -128, " + "has " + out);
    }
    QuantizedMultiplier m = scaling(s.beta(), s.input().quantization().scale(), where);
    int diffMin = -QuantMath.calculateInputRadius(SCALED_DIFF_INTEGER_BITS, m.shift(), 31);
    return new OpParams.Softmax(m.multiplier(), m.shift(), diffMin, s.beta());
  }

  static OpParams logSoftmax(Op.LogSoftmax s, Preparer.Where where) {
    if (s.input().type() == DataType.FLOAT32) {
      return new OpParams.FloatOp();
    }
    Quantization out = s.output().quantization();
    if (out.zeroPoint() != 127 || out.scale() != 16f / 256) {
      throw where.unsupported(
          "int8 log_softmax output must have scale 16/256 and zero point " + "127, has " + out);
    }
    QuantizedMultiplier m = scaling(1.0, s.input().quantization().scale(), where);
    // PreprocessLogSoftmaxScalingExp: reverse divisor = 2^(31 - leftShift) / multiplier.
    double realReverse = (double) (1L << (31 - m.shift())) / m.multiplier();
    QuantizedMultiplier reverse = QuantMath.quantizeMultiplierSmallerThanOne(realReverse);
    int diffMin = -QuantMath.calculateInputRadius(SCALED_DIFF_INTEGER_BITS, m.shift(), 31);
    return new OpParams.LogSoftmax(
        m.multiplier(),
        m.shift(),
        reverse.multiplier(),
        -reverse.shift(),
        diffMin,
        out.zeroPoint());
  }

  private static QuantizedMultiplier scaling(double beta, double inputScale, Preparer.Where where) {
    double real = beta * inputScale * (1L << (31 - SCALED_DIFF_INTEGER_BITS));
    if (!(real > 1)) {
      throw where.unsupported(
          "beta * input scale " + beta * inputScale + " is too small for the int8 softmax kernel");
    }
    return QuantMath.preprocessSoftmaxScaling(beta, inputScale, SCALED_DIFF_INTEGER_BITS);
  }
}
