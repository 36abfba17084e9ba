package org.tinysim.engine.prepare;

import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.ActivationRange;
import org.tinysim.engine.ir.Padding;
import org.tinysim.engine.ir.QuantizedMultiplier;

/**
 * TFLite's integer-arithmetic preparation formulas (quantization_util, kernel_util, padding),
 * reimplemented from their definitions so that Java and the generated C agree bit for bit with
 * TFLite: frexp-based multipliers, round-half-away-from-zero, float vs double where TFLite uses
 * float.
 */
public final class QuantMath {

  public static final int INT8_MIN = -128;
  public static final int INT8_MAX = 127;

  private QuantMath() {}

  /** Mantissa in [0.5, 1) (sign kept) and exponent with value = mantissa * 2^exponent. */
  public record Frexp(double mantissa, int exponent) {}

  /** C's frexp, including subnormals; zero, NaN and infinities come back with exponent 0. */
  public static Frexp frexp(double value) {
    if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
      return new Frexp(value, 0);
    }
    int e = Math.getExponent(value);
    if (e == Double.MIN_EXPONENT - 1) {
      // Subnormal: getExponent reports the minimum; normalise first to read the true exponent.
      e = Math.getExponent(value * 0x1p54) - 54;
    }
    int exponent = e + 1;
    return new Frexp(Math.scalb(value, -exponent), exponent);
  }

  /** C's round(): halves go away from zero (Math.round would send -2.5 to -2). */
  public static double round(double x) {
    double a = Math.abs(x);
    double f = Math.floor(a);
    double r = a - f >= 0.5 ? f + 1 : f;
    return Math.copySign(r, x);
  }

  /** C's roundf() on a float. */
  public static float round(float x) {
    return (float) round((double) x);
  }

  /**
   * TFLite QuantizeMultiplier: q = frexp(m); fixed = round(q * 2^31); a fixed value of 2^31 is
   * halved with shift+1; shifts below -31 flush to (0, 0).
   */
  public static QuantizedMultiplier quantizeMultiplier(double m) {
    if (Double.isNaN(m) || Double.isInfinite(m)) {
      throw new IllegalArgumentException("multiplier must be finite, got " + m);
    }
    if (m == 0) {
      return new QuantizedMultiplier(0, 0);
    }
    Frexp f = frexp(m);
    int shift = f.exponent();
    long fixed = (long) round(f.mantissa() * (1L << 31));
    if (fixed == (1L << 31)) {
      fixed /= 2;
      shift++;
    }
    if (shift < -31) {
      shift = 0;
      fixed = 0;
    }
    return new QuantizedMultiplier((int) fixed, shift);
  }

  /** TFLite QuantizeMultiplierSmallerThanOneExp: requires 0 < m < 1; shift is <= 0. */
  public static QuantizedMultiplier quantizeMultiplierSmallerThanOne(double m) {
    if (!(m > 0 && m < 1)) {
      throw new IllegalArgumentException("multiplier must be in (0, 1), got " + m);
    }
    return quantizeMultiplier(m);
  }

  /** TFLite QuantizeMultiplierGreaterThanOne: requires m > 1; shift is >= 0. */
  public static QuantizedMultiplier quantizeMultiplierGreaterThanOne(double m) {
    if (!(m > 1) || Double.isInfinite(m)) {
      throw new IllegalArgumentException("multiplier must be > 1, got " + m);
    }
    return quantizeMultiplier(m);
  }

  /**
   * CalculateActivationRangeQuantized for int8: quantize(f) = zp + (int) roundf(f / scale)
   * evaluated in float, then clamped into [-128, 127].
   */
  public static ActivationRange activationRange(Activation act, float scale, int zeroPoint) {
    return switch (act) {
      case NONE -> new ActivationRange(INT8_MIN, INT8_MAX);
      case RELU ->
          new ActivationRange(Math.max(INT8_MIN, quantize(0f, scale, zeroPoint)), INT8_MAX);
      case RELU6 ->
          new ActivationRange(
              Math.max(INT8_MIN, quantize(0f, scale, zeroPoint)),
              Math.min(INT8_MAX, quantize(6f, scale, zeroPoint)));
      case RELU_N1_TO_1 ->
          new ActivationRange(
              Math.max(INT8_MIN, quantize(-1f, scale, zeroPoint)),
              Math.min(INT8_MAX, quantize(1f, scale, zeroPoint)));
    };
  }

  private static int quantize(float f, float scale, int zeroPoint) {
    long q = zeroPoint + (long) round(f / scale);
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, q));
  }

  /**
   * ComputePaddingHeightWidth: output size by {@link Padding#outputSize}, then total padding (out -
   * 1) * stride + effectiveFilter - in (floored at 0) split as total / 2 before and total % 2 extra
   * after.
   */
  public static PaddingValues computePadding(
      Padding padding,
      int inH,
      int inW,
      int filterH,
      int filterW,
      int strideH,
      int strideW,
      int dilationH,
      int dilationW) {
    int outH = padding.outputSize(inH, filterH, strideH, dilationH);
    int outW = padding.outputSize(inW, filterW, strideW, dilationW);
    long totalH = totalPadding(strideH, dilationH, inH, filterH, outH);
    long totalW = totalPadding(strideW, dilationW, inW, filterW, outW);
    return new PaddingValues(
        (int) (totalH / 2), (int) (totalW / 2), (int) (totalH % 2), (int) (totalW % 2), outH, outW);
  }

  private static long totalPadding(int stride, int dilation, int in, int filter, int out) {
    long effectiveFilter = (filter - 1L) * dilation + 1;
    long total = (out - 1L) * stride + effectiveFilter - in;
    return Math.max(0, total);
  }

  /**
   * PreprocessSoftmaxScaling: min(beta * inputScale * 2^(31 - integerBits), 2^31 - 1) encoded with
   * QuantizeMultiplierGreaterThanOne; the result's shift is the input left shift.
   */
  public static QuantizedMultiplier preprocessSoftmaxScaling(
      double beta, double inputScale, int integerBits) {
    double maxReal = (1L << 31) - 1.0;
    double real = Math.min(beta * inputScale * (1L << (31 - integerBits)), maxReal);
    return quantizeMultiplierGreaterThanOne(real);
  }

  /**
   * CalculateInputRadius: floor(((1 << integerBits) - 1) * 2^(totalSignedBits - integerBits) /
   * 2^leftShift), the largest input difference that cannot overflow the scaled diff.
   */
  public static int calculateInputRadius(int integerBits, int leftShift, int totalSignedBits) {
    double maxInputRescaled =
        1.0
            * ((1 << integerBits) - 1)
            * (1L << (totalSignedBits - integerBits))
            / Math.pow(2, leftShift);
    return (int) Math.floor(maxInputRescaled);
  }
}
