package org.tinysim.engine.oracle;

import static org.tinysim.engine.oracle.FixedPointMath.multiplyByQuantizedMultiplier;
import static org.tinysim.engine.oracle.FixedPointMath.saturateToInt8;

import org.tinysim.engine.ir.QuantizedMultiplier;

/**
 * QUANTIZE int8 -> int8 (TFLite {@code reference_ops::Requantize}): {@code MBQM(in -
 * inputZeroPoint, multiplier, shift) + outputZeroPoint}, saturated, where the multiplier encodes
 * {@code inputScale / outputScale}.
 */
public final class RequantizeInt8 {

  private RequantizeInt8() {}

  public static void run(
      byte[] input,
      int inputZeroPoint,
      int outputZeroPoint,
      int multiplier,
      int shift,
      byte[] output) {
    if (input.length != output.length) {
      throw new IllegalArgumentException("size mismatch");
    }
    for (int i = 0; i < input.length; i++) {
      int v =
          multiplyByQuantizedMultiplier(input[i] - inputZeroPoint, multiplier, shift)
              + outputZeroPoint;
      output[i] = saturateToInt8(v);
    }
  }

  /** Convenience: derives multiplier/shift from the two scales like TFLite's prepare step. */
  public static void run(
      byte[] input,
      float inputScale,
      int inputZeroPoint,
      float outputScale,
      int outputZeroPoint,
      byte[] output) {
    QuantizedMultiplier q =
        PrepareFormulas.quantizeMultiplier((double) inputScale / (double) outputScale);
    run(input, inputZeroPoint, outputZeroPoint, q.multiplier(), q.shift(), output);
  }
}
