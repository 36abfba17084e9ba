package org.tinysim.engine.oracle;

import org.tinysim.engine.ir.QuantizedMultiplier;

/**
 * int8 LOG_SOFTMAX parameters (TFLite {@code SoftmaxParams} fields used by {@code
 * LogSoftmaxQuantized}). Output is fixed to scale 16/256, zero point 127.
 *
 * @param reverseScalingDivisor inverse of the input scaling, as a multiplier
 * @param reverseScalingRightShift its right shift (>= 0; TFLite stores the negated left shift)
 */
public record LogSoftmaxParams(
    int inputMultiplier,
    int inputLeftShift,
    int reverseScalingDivisor,
    int reverseScalingRightShift,
    int diffMin) {

  public static final float OUTPUT_SCALE = 16.0f / 256;
  public static final int OUTPUT_ZERO_POINT = 127;

  /** TFLite's prepare step ({@code PreprocessLogSoftmaxScalingExp}, beta = 1). */
  public static LogSoftmaxParams fromQuantization(float inputScale) {
    QuantizedMultiplier q = SoftmaxParams.preprocessScaling(1.0, inputScale);
    double realReverse = (1 << (31 - q.shift())) / (double) q.multiplier();
    QuantizedMultiplier reverse = PrepareFormulas.quantizeMultiplierSmallerThanOne(realReverse);
    return new LogSoftmaxParams(
        q.multiplier(),
        q.shift(),
        reverse.multiplier(),
        -reverse.shift(),
        -SoftmaxParams.inputRadius(q.shift()));
  }
}
