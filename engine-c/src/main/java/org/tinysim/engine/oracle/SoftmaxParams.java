package org.tinysim.engine.oracle;

import org.tinysim.engine.ir.QuantizedMultiplier;

/**
 * int8 SOFTMAX parameters (TFLite {@code SoftmaxParams}). The output is fixed by TFLite to scale
 * 1/256 and zero point -128.
 *
 * @param inputMultiplier {@code beta * inputScale * 2^26} as a quantised multiplier
 * @param inputLeftShift its (non-negative) shift
 * @param diffMin input differences below this are treated as exp() = 0
 */
public record SoftmaxParams(int inputMultiplier, int inputLeftShift, int diffMin) {

  /** Integer bits of the Q5.26 format the scaled input differences are held in. */
  public static final int SCALED_DIFF_INTEGER_BITS = 5;

  public SoftmaxParams {
    if (inputLeftShift < 0 || diffMin > 0) {
      throw new IllegalArgumentException("inputLeftShift must be >= 0 and diffMin <= 0");
    }
  }

  /** TFLite's prepare step ({@code PreprocessSoftmaxScaling} + {@code CalculateInputRadius}). */
  public static SoftmaxParams fromQuantization(float beta, float inputScale) {
    QuantizedMultiplier q = preprocessScaling(beta, inputScale);
    return new SoftmaxParams(q.multiplier(), q.shift(), -inputRadius(q.shift()));
  }

  static QuantizedMultiplier preprocessScaling(double beta, double inputScale) {
    double real =
        Math.min(beta * inputScale * (1 << (31 - SCALED_DIFF_INTEGER_BITS)), (1L << 31) - 1.0);
    return PrepareFormulas.quantizeMultiplierGreaterThanOne(real);
  }

  /** Largest input difference whose rescaled value still fits Q5.26 (floor, to stay inside). */
  static int inputRadius(int inputLeftShift) {
    double maxInputRescaled =
        1.0
            * ((1 << SCALED_DIFF_INTEGER_BITS) - 1)
            * (1L << (31 - SCALED_DIFF_INTEGER_BITS))
            / (1L << inputLeftShift);
    return (int) Math.floor(maxInputRescaled);
  }
}
