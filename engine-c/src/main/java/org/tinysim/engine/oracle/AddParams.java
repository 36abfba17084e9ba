package org.tinysim.engine.oracle;

import org.tinysim.engine.ir.ActivationRange;
import org.tinysim.engine.ir.QuantizedMultiplier;

/**
 * int8 ADD parameters (TFLite {@code ArithmeticParams}). Input shifts and the output shift are
 * "SmallerThanOneExp" exponents, i.e. &lt;= 0.
 *
 * @param input1Offset {@code -input1ZeroPoint}
 * @param input2Offset {@code -input2ZeroPoint}
 * @param leftShift headroom shift applied to both inputs, 20 for int8
 * @param outputOffset {@code outputZeroPoint}
 */
public record AddParams(
    int input1Offset,
    int input2Offset,
    int leftShift,
    int input1Multiplier,
    int input1Shift,
    int input2Multiplier,
    int input2Shift,
    int outputMultiplier,
    int outputShift,
    int outputOffset,
    int activationMin,
    int activationMax) {

  /** TFLite's int8 left shift: (255 << 20) still leaves room to add two scaled inputs. */
  public static final int INT8_LEFT_SHIFT = 20;

  public AddParams {
    if (input1Shift > 0 || input2Shift > 0 || outputShift > 0) {
      throw new IllegalArgumentException("ADD shifts must be <= 0");
    }
    if (activationMin > activationMax) {
      throw new IllegalArgumentException("activationMin > activationMax");
    }
  }

  /**
   * Derives the parameters from tensor quantisation exactly as TFLite's ADD prepare step does: both
   * inputs are rescaled to twice the larger input scale, then to the output scale.
   */
  public static AddParams fromQuantization(
      float input1Scale,
      int input1ZeroPoint,
      float input2Scale,
      int input2ZeroPoint,
      float outputScale,
      int outputZeroPoint,
      ActivationRange activation) {
    double twiceMaxInputScale = 2 * (double) Math.max(input1Scale, input2Scale);
    QuantizedMultiplier in1 =
        PrepareFormulas.quantizeMultiplierSmallerThanOne(input1Scale / twiceMaxInputScale);
    QuantizedMultiplier in2 =
        PrepareFormulas.quantizeMultiplierSmallerThanOne(input2Scale / twiceMaxInputScale);
    QuantizedMultiplier out =
        PrepareFormulas.quantizeMultiplierSmallerThanOne(
            twiceMaxInputScale / ((1 << INT8_LEFT_SHIFT) * (double) outputScale));
    return new AddParams(
        -input1ZeroPoint,
        -input2ZeroPoint,
        INT8_LEFT_SHIFT,
        in1.multiplier(),
        in1.shift(),
        in2.multiplier(),
        in2.shift(),
        out.multiplier(),
        out.shift(),
        outputZeroPoint,
        activation.min(),
        activation.max());
  }
}
