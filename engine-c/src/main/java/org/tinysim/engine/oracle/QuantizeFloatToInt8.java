package org.tinysim.engine.oracle;

/**
 * QUANTIZE float32 -> int8 (TFLite {@code AffineQuantize}): {@code round(x / scale) + zp} with the
 * division done in float32 and {@code std::round} (half away from zero; note Java's {@code
 * Math.round} rounds half up and would differ on negative ties), then saturated.
 */
public final class QuantizeFloatToInt8 {

  private QuantizeFloatToInt8() {}

  public static void run(float[] input, float scale, int zeroPoint, byte[] output) {
    if (input.length != output.length) {
      throw new IllegalArgumentException("size mismatch");
    }
    for (int i = 0; i < input.length; i++) {
      output[i] = quantize(input[i], scale, zeroPoint);
    }
  }

  public static byte quantize(float value, float scale, int zeroPoint) {
    float scaled = value / scale; // float32 division, as in the reference
    long rounded = (long) PrepareFormulas.roundHalfAwayFromZero(scaled);
    return FixedPointMath.saturateToInt8(rounded + zeroPoint);
  }
}
