package org.tinysim.engine.oracle;

import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.ActivationRange;
import org.tinysim.engine.ir.Padding;
import org.tinysim.engine.ir.QuantizedMultiplier;

/**
 * The oracle's own copy of TFLite's Prepare-step formulas (multiplier encoding, activation clamps,
 * SAME/VALID padding), written independently of the compiler's {@code prepare.QuantMath} so the two
 * can be checked against each other. A multiplier encodes {@code real ~= multiplier * 2^shift /
 * 2^31} with multiplier in [2^30, 2^31) (or 0).
 */
public final class PrepareFormulas {

  /** Output size and leading pad for one spatial dimension. */
  public record PaddingDim(int outputSize, int pad) {}

  private PrepareFormulas() {}

  /**
   * TFLite's {@code QuantizeMultiplier}: frexp, round half away from zero to 31 fractional bits,
   * renormalise the 2^31 overflow, and flush multipliers below 2^-31 to zero.
   */
  public static QuantizedMultiplier quantizeMultiplier(double realMultiplier) {
    if (realMultiplier == 0.0) {
      return new QuantizedMultiplier(0, 0);
    }
    if (!Double.isFinite(realMultiplier)) {
      throw new IllegalArgumentException("multiplier must be finite: " + realMultiplier);
    }
    int shift = frexpExponent(realMultiplier);
    double fraction = Math.scalb(realMultiplier, -shift); // in [0.5, 1), exact
    long qFixed = (long) roundHalfAwayFromZero(fraction * (1L << 31));
    if (qFixed == (1L << 31)) {
      qFixed /= 2;
      shift++;
    }
    if (shift < -31) {
      shift = 0;
      qFixed = 0;
    }
    return new QuantizedMultiplier((int) qFixed, shift);
  }

  /** {@code QuantizeMultiplierSmallerThanOneExp}: requires 0 &lt; m &lt; 1, shift is &lt;= 0. */
  public static QuantizedMultiplier quantizeMultiplierSmallerThanOne(double realMultiplier) {
    if (!(realMultiplier > 0.0 && realMultiplier < 1.0)) {
      throw new IllegalArgumentException("expected 0 < m < 1, got " + realMultiplier);
    }
    QuantizedMultiplier q = quantizeMultiplier(realMultiplier);
    if (q.shift() > 0) {
      throw new IllegalStateException("shift > 0 for m < 1: " + q);
    }
    return q;
  }

  /** {@code QuantizeMultiplierGreaterThanOne}: requires m &gt; 1, shift is &gt;= 0. */
  public static QuantizedMultiplier quantizeMultiplierGreaterThanOne(double realMultiplier) {
    if (!(realMultiplier > 1.0)) {
      throw new IllegalArgumentException("expected m > 1, got " + realMultiplier);
    }
    QuantizedMultiplier q = quantizeMultiplier(realMultiplier);
    if (q.shift() < 0) {
      throw new IllegalStateException("shift < 0 for m > 1: " + q);
    }
    return q;
  }

  /** Per-channel convenience: one multiplier per element of {@code realMultipliers}. */
  public static QuantizedMultiplier[] quantizeMultipliers(double[] realMultipliers) {
    QuantizedMultiplier[] out = new QuantizedMultiplier[realMultipliers.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = quantizeMultiplier(realMultipliers[i]);
    }
    return out;
  }

  /**
   * Quantised clamp bounds of a fused activation, as TFLite's {@code
   * CalculateActivationRangeQuantized} derives them for an int8 output.
   */
  public static ActivationRange activationRange(
      Activation activation, float outputScale, int outputZeroPoint) {
    ActivationRange r =
        switch (activation) {
          case NONE -> ActivationRange.INT8_FULL;
          case RELU ->
              new ActivationRange(Math.max(-128, quantize(0f, outputScale, outputZeroPoint)), 127);
          case RELU6 ->
              new ActivationRange(
                  Math.max(-128, quantize(0f, outputScale, outputZeroPoint)),
                  Math.min(127, quantize(6f, outputScale, outputZeroPoint)));
          case RELU_N1_TO_1 ->
              new ActivationRange(
                  Math.max(-128, quantize(-1f, outputScale, outputZeroPoint)),
                  Math.min(127, quantize(1f, outputScale, outputZeroPoint)));
        };
    if (r.min() > r.max() || r.min() < -128 || r.max() > 127) {
      throw new IllegalArgumentException(
          "bad int8 activation range [" + r.min() + ", " + r.max() + "]");
    }
    return r;
  }

  private static int quantize(float value, float scale, int zeroPoint) {
    // float division then round-half-away, as TFLite's Quantize() helper does
    return zeroPoint + (int) roundHalfAwayFromZero(value / scale);
  }

  /**
   * TFLite's SAME/VALID output-size and padding rules ({@code ComputePaddingHeightWidth}). Kernels
   * take explicit pads; this exists so callers and tests derive them the same way TFLite does. Any
   * odd extra padding goes to the bottom/right, which kernels see implicitly because they only
   * bound-check against the input.
   */
  public static PaddingDim padding(
      Padding kind, int inputSize, int filterSize, int stride, int dilation) {
    int effectiveFilter = (filterSize - 1) * dilation + 1;
    int out =
        switch (kind) {
          case SAME -> (inputSize + stride - 1) / stride;
          case VALID -> (inputSize - effectiveFilter + stride) / stride;
        };
    if (out <= 0) {
      throw new IllegalArgumentException(
          "empty output for input " + inputSize + ", filter " + effectiveFilter);
    }
    int totalPad = (out - 1) * stride + effectiveFilter - inputSize;
    return new PaddingDim(out, Math.max(0, totalPad / 2));
  }

  /** Exponent e of C's frexp: m = f * 2^e with |f| in [0.5, 1). */
  private static int frexpExponent(double m) {
    int e = Math.getExponent(m);
    if (e == Double.MIN_EXPONENT - 1) { // subnormal: normalise first
      return Math.getExponent(m * 0x1p54) - 54 + 1;
    }
    return e + 1;
  }

  /** C's {@code std::round}: half away from zero. */
  static double roundHalfAwayFromZero(double v) {
    double a = Math.abs(v);
    double f = Math.floor(a);
    if (a - f >= 0.5) { // exact: a - floor(a) never rounds
      f += 1.0;
    }
    return Math.copySign(f, v);
  }
}
