package org.tinysim.engine.oracle;

/**
 * Integer fixed-point primitives with the exact semantics of TFLite's integer reference path
 * (gemmlowp {@code fixedpoint.h} plus {@code kernels/internal/common.h}, double-rounding variant,
 * i.e. built without {@code TFLITE_SINGLE_ROUNDING}).
 *
 * <p>Fixed-point values are plain {@code int} raws in Q(m).(31-m) format; the number of integer
 * bits {@code m} is passed explicitly where gemmlowp carries it in the type. Additions that
 * gemmlowp leaves unsaturated wrap here exactly as they do on two's-complement hardware.
 */
public final class FixedPointMath {

  private FixedPointMath() {}

  // ---------------------------------------------------------------- basic primitives

  /**
   * Rounded high half of {@code 2*a*b} (ARM VQRDMULH). Ties round towards +infinity, and the single
   * overflowing case {@code MIN*MIN} saturates to {@code MAX}.
   */
  public static int saturatingRoundingDoublingHighMul(int a, int b) {
    if (a == Integer.MIN_VALUE && b == Integer.MIN_VALUE) {
      return Integer.MAX_VALUE;
    }
    long ab = (long) a * b;
    long nudge = ab >= 0 ? (1L << 30) : (1L - (1L << 30));
    // Java long division truncates towards zero, as the C++ original does.
    return (int) ((ab + nudge) / (1L << 31));
  }

  /**
   * Arithmetic right shift by {@code exponent} (0..31) rounding to nearest, ties away from zero.
   */
  public static int roundingDivideByPOT(int x, int exponent) {
    if (exponent < 0 || exponent > 31) {
      throw new IllegalArgumentException("exponent out of [0,31]: " + exponent);
    }
    int mask = (int) ((1L << exponent) - 1);
    int remainder = x & mask;
    int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
  }

  /**
   * Multiplies by 2^exponent: saturating left shift for positive exponents, rounding right shift
   * for negative ones. Note the saturation threshold is symmetric (±(2^(31-e)-1)), so e.g. {@code
   * -2^30 << 1} saturates to MIN even though it would be representable; this quirk is part of the
   * reference behaviour.
   */
  public static int saturatingRoundingMultiplyByPOT(int x, int exponent) {
    if (exponent == 0) {
      return x;
    }
    if (exponent < 0) {
      return roundingDivideByPOT(x, -exponent);
    }
    int threshold = (1 << (31 - exponent)) - 1;
    if (x > threshold) {
      return Integer.MAX_VALUE;
    }
    if (x < -threshold) {
      return Integer.MIN_VALUE;
    }
    return x * (1 << exponent);
  }

  /** Changes a raw from Q(srcIntegerBits) to Q(dstIntegerBits) (gemmlowp {@code Rescale}). */
  public static int rescale(int raw, int srcIntegerBits, int dstIntegerBits) {
    return saturatingRoundingMultiplyByPOT(raw, srcIntegerBits - dstIntegerBits);
  }

  /** (a+b)/2 rounded half away from zero, computed without overflow (ARM VRHADD-like). */
  public static int roundingHalfSum(int a, int b) {
    long sum = (long) a + b;
    long sign = sum >= 0 ? 1 : -1;
    return (int) ((sum + sign) / 2);
  }

  /** int32 addition clamped to the int32 range. */
  public static int saturatingAdd(int a, int b) {
    return saturateToInt32((long) a + b);
  }

  /** int32 subtraction clamped to the int32 range. */
  public static int saturatingSub(int a, int b) {
    return saturateToInt32((long) a - b);
  }

  /** Number of leading zero bits of x viewed as uint32 (32 for zero). */
  public static int countLeadingZeros(int x) {
    return Integer.numberOfLeadingZeros(x);
  }

  // ---------------------------------------------------------------- saturating casts

  public static int saturateToInt32(long v) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }

  public static short saturateToInt16(long v) {
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
  }

  public static byte saturateToInt8(long v) {
    return (byte) Math.max(Byte.MIN_VALUE, Math.min(Byte.MAX_VALUE, v));
  }

  /** Clamps to [min, max]; kernels use it for the fused-activation range. */
  public static int clamp(int v, int min, int max) {
    return Math.min(max, Math.max(min, v));
  }

  // ---------------------------------------------------------------- requantisation

  /**
   * TFLite's {@code MultiplyByQuantizedMultiplier}: x * multiplier * 2^shift / 2^31 where a
   * positive shift is applied as a left shift before the high-mul and a negative one as a rounding
   * right shift after it (hence "double rounding").
   */
  public static int multiplyByQuantizedMultiplier(int x, int quantizedMultiplier, int shift) {
    int leftShift = shift > 0 ? shift : 0;
    int rightShift = shift > 0 ? 0 : -shift;
    return roundingDivideByPOT(
        saturatingRoundingDoublingHighMul(x * (1 << leftShift), quantizedMultiplier), rightShift);
  }

  /**
   * Variant for multipliers < 1: {@code leftShift} is &lt;= 0 and becomes a rounding right shift.
   */
  public static int multiplyByQuantizedMultiplierSmallerThanOneExp(
      int x, int quantizedMultiplier, int leftShift) {
    return roundingDivideByPOT(
        saturatingRoundingDoublingHighMul(x, quantizedMultiplier), -leftShift);
  }

  /** Variant for multipliers > 1: {@code leftShift} is &gt;= 0 and applied before the high-mul. */
  public static int multiplyByQuantizedMultiplierGreaterThanOne(
      int x, int quantizedMultiplier, int leftShift) {
    return saturatingRoundingDoublingHighMul(x * (1 << leftShift), quantizedMultiplier);
  }

  // ---------------------------------------------------------------- transcendental functions

  /** exp(a) for a in [-1/4, 0), a and result in Q0.31 (Taylor expansion around -1/8). */
  public static int expOnIntervalBetweenNegativeOneQuarterAnd0Excl(int a) {
    final int constantTerm = 1895147668; // exp(-1/8)
    final int oneThird = 715827883;
    int x = a + (1 << 28); // a + 1/8
    int x2 = saturatingRoundingDoublingHighMul(x, x);
    int x3 = saturatingRoundingDoublingHighMul(x2, x);
    int x4 = saturatingRoundingDoublingHighMul(x2, x2);
    int x4Over4 = roundingDivideByPOT(x4, 2);
    int poly =
        roundingDivideByPOT(saturatingRoundingDoublingHighMul(x4Over4 + x3, oneThird) + x2, 1);
    return constantTerm + saturatingRoundingDoublingHighMul(constantTerm, x + poly);
  }

  /** Barrel-shifter table: exp(-2^k) in Q0.31 for k = -2..4. */
  private static final int[] EXP_MINUS_POW2_EXPONENT = {-2, -1, 0, 1, 2, 3, 4};

  private static final int[] EXP_MINUS_POW2_MULTIPLIER = {
    1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242
  };

  /**
   * exp(a) for a &lt;= 0 given in Q(integerBits); result in Q0.31. Splits a into a multiple of 1/4
   * (handled by multiplying precomputed exp(-2^k) factors) plus a remainder in [-1/4, 0).
   */
  public static int expOnNegativeValues(int a, int integerBits) {
    int fractionalBits = 31 - integerBits;
    int oneQuarter = 1 << (fractionalBits - 2);
    int mask = oneQuarter - 1;
    int aModQuarterMinusOneQuarter = (a & mask) - oneQuarter;
    int result =
        expOnIntervalBetweenNegativeOneQuarterAnd0Excl(
            rescale(aModQuarterMinusOneQuarter, integerBits, 0));
    int remainder = aModQuarterMinusOneQuarter - a;
    for (int i = 0; i < EXP_MINUS_POW2_EXPONENT.length; i++) {
      int exponent = EXP_MINUS_POW2_EXPONENT[i];
      if (integerBits > exponent) {
        int bit = 1 << (fractionalBits + exponent);
        if ((remainder & bit) != 0) {
          result = saturatingRoundingDoublingHighMul(result, EXP_MINUS_POW2_MULTIPLIER[i]);
        }
      }
    }
    if (integerBits > 5) {
      // Below -32 the result underflows Q0.31 anyway; gemmlowp forces it to zero.
      int clamp = -(1 << (36 - integerBits));
      if (a < clamp) {
        result = 0;
      }
    }
    if (a == 0) {
      result = Integer.MAX_VALUE; // exp(0) = 1, the largest Q0.31 value
    }
    return result;
  }

  /** 1/(1+a) for a in [0, 1), a and result in Q0.31, by three Newton-Raphson steps. */
  public static int oneOverOnePlusXForXIn01(int a) {
    int halfDenominator = roundingHalfSum(a, Integer.MAX_VALUE); // Q0.31
    final int constant48Over17 = 1515870810; // Q2.29
    final int constantNeg32Over17 = -1010580540; // Q2.29
    int x =
        constant48Over17 + saturatingRoundingDoublingHighMul(halfDenominator, constantNeg32Over17);
    final int oneQ2 = 1 << 29;
    for (int i = 0; i < 3; i++) {
      int halfDenominatorTimesX = saturatingRoundingDoublingHighMul(halfDenominator, x); // Q2
      int oneMinus = oneQ2 - halfDenominatorTimesX; // Q2
      x = x + rescale(saturatingRoundingDoublingHighMul(x, oneMinus), 4, 2);
    }
    // x approximates 1/halfDenominator in Q2; halving it is a reinterpretation as Q1.
    return rescale(x, 1, 0);
  }

  /** Result of {@link #reciprocal}: raw Q0.31 scale and the power of two it is off by. */
  public record Reciprocal(int raw, int numBitsOverUnit) {}

  /**
   * TFLite's {@code GetReciprocal}: for x &gt; 0 in Q(xIntegerDigits) returns r (Q0.31) and n such
   * that 1/x ~= r * 2^-n.
   */
  public static Reciprocal reciprocal(int x, int xIntegerDigits) {
    int headroomPlusOne = countLeadingZeros(x);
    int numBitsOverUnit = xIntegerDigits - headroomPlusOne;
    // Java masks shift counts to 5 bits; a 32-bit shift (x == 0) must give 0 explicitly.
    int shifted = headroomPlusOne >= 32 ? 0 : x << headroomPlusOne;
    int shiftedSumMinusOne = shifted - Integer.MIN_VALUE; // minus 2^31, wrapping as uint32
    return new Reciprocal(oneOverOnePlusXForXIn01(shiftedSumMinusOne), numBitsOverUnit);
  }

  /**
   * log(x) for x &gt;= 1 (TFLite {@code log_x_for_x_greater_than_or_equal_to_1}); input in
   * Q(inputIntegerBits), result in Q(outputIntegerBits).
   */
  public static int logXForXGreaterThanOrEqualTo1(
      int input, int inputIntegerBits, int outputIntegerBits) {
    final int accumIntegerBits = outputIntegerBits + 1; // headroom for the final sum
    final int log2 = 1488522236;
    final int sqrtSqrtHalf = 1805811301;
    final int sqrtHalf = 1518500250;
    final int oneQuarter = 536870912;
    final int alphaN = 117049297;
    final int alphaD = 127690142;
    final int alphaI = 1057819769;
    final int alphaF = 638450708;

    int shiftedQuarter = rescale(oneQuarter, 0, accumIntegerBits);

    // Normalise the raw into [0.5, 1) "ourselves" and track the power of two separately.
    int zA = input;
    int zAHeadroomPlus1 = countLeadingZeros(zA);
    int rATmp = saturatingRoundingMultiplyByPOT(zA, zAHeadroomPlus1 - 1);
    int rARaw =
        saturatingRoundingMultiplyByPOT(saturatingRoundingDoublingHighMul(rATmp, sqrtHalf), 1);
    int zAPow2Adj =
        saturatingAdd(
            saturatingRoundingMultiplyByPOT(
                inputIntegerBits - zAHeadroomPlus1, 31 - accumIntegerBits),
            shiftedQuarter);

    // Same normalisation of z * sqrt(1/2); the better-conditioned of the two is kept.
    int zB = saturatingRoundingDoublingHighMul(zA, sqrtHalf);
    int zBHeadroom = countLeadingZeros(zB) - 1;
    int rBRaw = saturatingRoundingMultiplyByPOT(zA, zBHeadroom);
    int zBPow2Adj =
        saturatingSub(
            saturatingRoundingMultiplyByPOT(inputIntegerBits - zBHeadroom, 31 - accumIntegerBits),
            shiftedQuarter);

    int r = Math.min(rARaw, rBRaw);
    int zPow2Adj = Math.max(zAPow2Adj, zBPow2Adj);

    // Rational approximation of log(r) around sqrt(sqrt(1/2)).
    int p = roundingHalfSum(r, sqrtSqrtHalf);
    int q = r - sqrtSqrtHalf;
    q = q + q;
    int commonSq = saturatingRoundingDoublingHighMul(q, q);
    int num =
        saturatingRoundingDoublingHighMul(q, r)
            + saturatingRoundingDoublingHighMul(
                saturatingRoundingDoublingHighMul(q, commonSq), alphaN);
    int denomMinusOne =
        saturatingRoundingDoublingHighMul(
                p, alphaI + q + saturatingRoundingDoublingHighMul(alphaD, commonSq))
            + saturatingRoundingDoublingHighMul(alphaF, q);
    int recipDenom = oneOverOnePlusXForXIn01(denomMinusOne);

    int numScaled = rescale(num, 0, accumIntegerBits);
    int sum =
        saturatingRoundingDoublingHighMul(zPow2Adj, log2)
            + saturatingRoundingDoublingHighMul(numScaled, recipDenom);
    return rescale(sum, accumIntegerBits, outputIntegerBits);
  }
}
