package org.tinysim.engine.oracle;

import org.tinysim.engine.ir.QuantizedMultiplier;

/**
 * int8 MEAN over H and W with keep_dims (TFLite {@code reference_integer_ops::Mean}). {@code
 * multiplier/shift} encode {@code inputScale / outputScale}; the division by the element count
 * happens afterwards in integers.
 */
public record MeanParams(int inputZeroPoint, int outputZeroPoint, int multiplier, int shift) {

  public static MeanParams fromQuantization(
      float inputScale, int inputZeroPoint, float outputScale, int outputZeroPoint) {
    QuantizedMultiplier q =
        PrepareFormulas.quantizeMultiplier((double) inputScale / (double) outputScale);
    return new MeanParams(inputZeroPoint, outputZeroPoint, q.multiplier(), q.shift());
  }
}
