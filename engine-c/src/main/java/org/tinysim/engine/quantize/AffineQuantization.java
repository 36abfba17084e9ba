package org.tinysim.engine.quantize;

import org.tinysim.engine.prepare.QuantMath;

/**
 * Per-tensor int8 quantisation real = scale * (q - zeroPoint) of an activation tensor, chosen from
 * a float range the way TFLite's converter does: the range is widened to contain 0 and the zero
 * point is nudged to an integer so that real 0 is exactly representable (zero padding and ReLU then
 * lose nothing).
 */
public record AffineQuantization(float scale, int zeroPoint) {

  static final int QMIN = -128;
  static final int QMAX = 127;

  /** Range used for a tensor that was 0 on every calibration input: any scale is exact there. */
  private static final float DEAD_TENSOR_MAX = 1f;

  public AffineQuantization {
    if (!(scale > 0) || Float.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
    }
    if (zeroPoint < QMIN || zeroPoint > QMAX) {
      throw new IllegalArgumentException("zero point " + zeroPoint + " outside int8");
    }
  }

  /** Quantisation covering [min, max] (widened to include 0). */
  public static AffineQuantization ofRange(float min, float max) {
    if (Float.isNaN(min) || Float.isNaN(max) || Float.isInfinite(min) || Float.isInfinite(max)) {
      throw new IllegalArgumentException("range [" + min + ", " + max + "] is not finite");
    }
    double lo = Math.min(0, min);
    double hi = Math.max(0, max);
    if (hi == lo) {
      hi = DEAD_TENSOR_MAX;
    }
    float scale = (float) ((hi - lo) / (QMAX - QMIN));
    double zeroFromMin = QMIN - lo / scale;
    int zp = (int) Math.max(QMIN, Math.min(QMAX, QuantMath.round(zeroFromMin)));
    return new AffineQuantization(scale, zp);
  }

  /** The int8 code of {@code real}, rounded half away from zero and saturated. */
  public byte quantize(float real) {
    double q = QuantMath.round((double) real / scale) + zeroPoint;
    return (byte) Math.max(QMIN, Math.min(QMAX, q));
  }

  public float dequantize(byte q) {
    return scale * (q - zeroPoint);
  }
}
