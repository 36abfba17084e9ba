package org.tinysim.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tinysim.engine.oracle.FixedPointMath.*;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.QuantizedMultiplier;

class FixedPointMathTest {

  private static final int ONE_HALF = 1 << 30; // 0.5 in Q0.31

  @Test
  void doublingHighMulSaturatesOnlyForMinTimesMin() {
    assertThat(saturatingRoundingDoublingHighMul(Integer.MIN_VALUE, Integer.MIN_VALUE))
        .isEqualTo(Integer.MAX_VALUE);
    // -1 * (1 - 2^-31) = -(2^31 - 1) / 2^31 -> raw -(2^31 - 1), no saturation
    assertThat(saturatingRoundingDoublingHighMul(Integer.MIN_VALUE, Integer.MAX_VALUE))
        .isEqualTo(-Integer.MAX_VALUE);
  }

  @Test
  void doublingHighMulRoundsTiesTowardsPlusInfinity() {
    assertThat(saturatingRoundingDoublingHighMul(ONE_HALF, ONE_HALF)).isEqualTo(1 << 29); // 0.25
    assertThat(saturatingRoundingDoublingHighMul(3, ONE_HALF)).isEqualTo(2); // 1.5 -> 2
    assertThat(saturatingRoundingDoublingHighMul(-3, ONE_HALF)).isEqualTo(-1); // -1.5 -> -1
    assertThat(saturatingRoundingDoublingHighMul(5, ONE_HALF)).isEqualTo(3); // 2.5 -> 3
    assertThat(saturatingRoundingDoublingHighMul(-7, ONE_HALF)).isEqualTo(-3); // -3.5 -> -3
  }

  @Test
  void roundingDivideByPotRoundsHalfAwayFromZero() {
    assertThat(roundingDivideByPOT(5, 1)).isEqualTo(3);
    assertThat(roundingDivideByPOT(-5, 1)).isEqualTo(-3);
    assertThat(roundingDivideByPOT(-4, 1)).isEqualTo(-2);
    assertThat(roundingDivideByPOT(5, 2)).isEqualTo(1); // 1.25
    assertThat(roundingDivideByPOT(6, 2)).isEqualTo(2); // 1.5
    assertThat(roundingDivideByPOT(-6, 2)).isEqualTo(-2); // -1.5
    assertThat(roundingDivideByPOT(-7, 2)).isEqualTo(-2); // -1.75
    assertThat(roundingDivideByPOT(-5, 2)).isEqualTo(-1); // -1.25
    assertThat(roundingDivideByPOT(12345, 0)).isEqualTo(12345);
    assertThat(roundingDivideByPOT(Integer.MIN_VALUE, 31)).isEqualTo(-1);
    assertThat(roundingDivideByPOT(Integer.MAX_VALUE, 31)).isEqualTo(1);
    assertThatThrownBy(() -> roundingDivideByPOT(1, 32))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void roundingDivideByPotMatchesExactRationalRounding() {
    Random rnd = new Random(1);
    for (int i = 0; i < 20_000; i++) {
      int x = rnd.nextInt();
      int e = rnd.nextInt(31);
      double exact = x / Math.pow(2, e);
      assertThat((long) roundingDivideByPOT(x, e)).isEqualTo(QuantTestSupport.roundAway(exact));
    }
  }

  @Test
  void multiplyByQuantizedMultiplierHandComputed() {
    assertThat(multiplyByQuantizedMultiplier(100, ONE_HALF, 0)).isEqualTo(50);
    assertThat(multiplyByQuantizedMultiplier(100, ONE_HALF, 1)).isEqualTo(100); // 0.5 * 2
    assertThat(multiplyByQuantizedMultiplier(3, ONE_HALF, -1)).isEqualTo(1); // 0.75
    assertThat(multiplyByQuantizedMultiplier(-3, ONE_HALF, -1)).isEqualTo(-1); // -0.75
    assertThat(multiplyByQuantizedMultiplier(1000, ONE_HALF, -3)).isEqualTo(63); // 62.5
    assertThat(multiplyByQuantizedMultiplier(-1000, ONE_HALF, -3)).isEqualTo(-63); // -62.5
    // Double rounding: 5 * 0.25 = 1.25, but 2.5 -> 3 first, then 1.5 -> 2.
    assertThat(multiplyByQuantizedMultiplier(5, ONE_HALF, -1)).isEqualTo(2);
  }

  @Test
  void exponentVariantsAgreeWithGeneralFormInTheirDomain() {
    Random rnd = new Random(2);
    for (int i = 0; i < 10_000; i++) {
      int x = rnd.nextInt(1 << 20) - (1 << 19);
      int m = (1 << 30) + rnd.nextInt(1 << 30);
      int right = -rnd.nextInt(20);
      int left = rnd.nextInt(8);
      assertThat(multiplyByQuantizedMultiplierSmallerThanOneExp(x, m, right))
          .isEqualTo(multiplyByQuantizedMultiplier(x, m, right));
      assertThat(multiplyByQuantizedMultiplierGreaterThanOne(x, m, left))
          .isEqualTo(multiplyByQuantizedMultiplier(x, m, left));
    }
    assertThat(multiplyByQuantizedMultiplierGreaterThanOne(3, ONE_HALF, 2)).isEqualTo(6);
  }

  @Test
  void multiplyByQuantizedMultiplierWithinOneOfRealProduct() {
    Random rnd = new Random(3);
    for (int i = 0; i < 10_000; i++) {
      int x = rnd.nextInt(1 << 22) - (1 << 21);
      double real = Math.exp(QuantTestSupport.uniform(rnd, Math.log(1e-4), Math.log(4)));
      QuantizedMultiplier q = PrepareFormulas.quantizeMultiplier(real);
      double exact = x * real;
      assertThat(Math.abs(multiplyByQuantizedMultiplier(x, q.multiplier(), q.shift()) - exact))
          .isLessThanOrEqualTo(1.0);
    }
  }

  @Test
  void saturatingMultiplyByPotHasSymmetricThreshold() {
    assertThat(saturatingRoundingMultiplyByPOT(1 << 29, 1)).isEqualTo(1 << 30);
    assertThat(saturatingRoundingMultiplyByPOT(1 << 30, 1)).isEqualTo(Integer.MAX_VALUE);
    assertThat(saturatingRoundingMultiplyByPOT(-(1 << 30) + 1, 1)).isEqualTo(-(1 << 31) + 2);
    assertThat(saturatingRoundingMultiplyByPOT(-(1 << 30), 1)).isEqualTo(Integer.MIN_VALUE);
    assertThat(saturatingRoundingMultiplyByPOT(-5, -1)).isEqualTo(-3);
    assertThat(rescale(1 << 26, 5, 0)).isEqualTo(Integer.MAX_VALUE); // 1.0 does not fit Q0.31
  }

  @Test
  void saturatingHelpers() {
    assertThat(saturateToInt8(200)).isEqualTo((byte) 127);
    assertThat(saturateToInt8(-200)).isEqualTo((byte) -128);
    assertThat(saturateToInt8(-7)).isEqualTo((byte) -7);
    assertThat(saturateToInt16(40_000)).isEqualTo(Short.MAX_VALUE);
    assertThat(saturateToInt32(1L << 40)).isEqualTo(Integer.MAX_VALUE);
    assertThat(saturateToInt32(-(1L << 40))).isEqualTo(Integer.MIN_VALUE);
    assertThat(saturatingAdd(Integer.MAX_VALUE, 1)).isEqualTo(Integer.MAX_VALUE);
    assertThat(saturatingSub(Integer.MIN_VALUE, 1)).isEqualTo(Integer.MIN_VALUE);
    assertThat(roundingHalfSum(3, 4)).isEqualTo(4); // 3.5 -> 4
    assertThat(roundingHalfSum(-3, -4)).isEqualTo(-4); // -3.5 -> -4
    assertThat(roundingHalfSum(Integer.MAX_VALUE, Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
  }

  /** gemmlowp's exp is accurate to a few Q0.31 ulps; 1e-6 absolute is a generous bound. */
  @Test
  void expOnNegativeValuesTracksMathExp() {
    assertThat(expOnNegativeValues(0, 5)).isEqualTo(Integer.MAX_VALUE);
    Random rnd = new Random(4);
    for (int bits : new int[] {0, 3, 5, 8}) {
      double range = Math.min(1 << bits, 20.0);
      for (int i = 0; i < 5_000; i++) {
        double a = -QuantTestSupport.uniform(rnd, 0, range);
        int raw = (int) Math.round(a * Math.pow(2, 31 - bits));
        double aq = raw / Math.pow(2, 31 - bits);
        double got = expOnNegativeValues(raw, bits) / Math.pow(2, 31);
        assertThat(Math.abs(got - Math.exp(aq))).as("exp(%s) bits %d", aq, bits).isLessThan(1e-6);
      }
    }
  }

  /**
   * Pins the barrel shifter bit-exactly: exp(-(1/4 + 2^k)) must be exp(-1/4) times the Q0.31
   * constant round(exp(-2^k) * 2^31), derived here from Math.exp. (For k = 4 the product is ~188
   * raw, too small to expose a +-1 error in that constant.)
   */
  @Test
  void expBarrelShifterUsesExactConstants() {
    int quarterQ5 = 1 << 24; // 0.25 in Q5.26
    int expQuarter = expOnNegativeValues(-quarterQ5, 5);
    for (int k = -2; k <= 4; k++) {
      int constant = (int) Math.round(Math.exp(-Math.pow(2, k)) * Math.pow(2, 31));
      int a = -quarterQ5 - (1 << (26 + k));
      assertThat(expOnNegativeValues(a, 5))
          .as("k=%d", k)
          .isEqualTo(saturatingRoundingDoublingHighMul(expQuarter, constant));
    }
  }

  @Test
  void oneOverOnePlusXTracksDivision() {
    Random rnd = new Random(5);
    for (int i = 0; i < 10_000; i++) {
      int raw = rnd.nextInt(Integer.MAX_VALUE);
      double x = raw / Math.pow(2, 31);
      double got = oneOverOnePlusXForXIn01(raw) / Math.pow(2, 31);
      assertThat(Math.abs(got - 1 / (1 + x))).isLessThan(1e-6);
    }
  }

  @Test
  void reciprocalTracksDivision() {
    Random rnd = new Random(6);
    for (int i = 0; i < 10_000; i++) {
      int raw = 1 + rnd.nextInt(Integer.MAX_VALUE - 1);
      double x = raw / Math.pow(2, 31 - 12); // Q12.19
      Reciprocal r = reciprocal(raw, 12);
      double got = r.raw() / Math.pow(2, 31) * Math.pow(2, -r.numBitsOverUnit());
      assertThat(Math.abs(got * x - 1)).as("1/%s", x).isLessThan(1e-6);
    }
  }

  /** Output LSB is 2^-26; the rational approximation is good to ~1e-6 absolute. */
  @Test
  void logTracksMathLog() {
    Random rnd = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      double x = Math.exp(QuantTestSupport.uniform(rnd, 0, Math.log(4000)));
      int raw = (int) Math.round(x * Math.pow(2, 31 - 12));
      double xq = raw / Math.pow(2, 31 - 12);
      double got = logXForXGreaterThanOrEqualTo1(raw, 12, 5) / Math.pow(2, 26);
      assertThat(Math.abs(got - Math.log(xq))).as("log(%s)", xq).isLessThan(1e-5);
    }
    assertThat(Math.abs(logXForXGreaterThanOrEqualTo1(1 << 19, 12, 5)))
        .isLessThan(1 << 8); // log 1 = 0
  }
}
