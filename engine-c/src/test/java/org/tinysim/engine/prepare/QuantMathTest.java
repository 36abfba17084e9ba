package org.tinysim.engine.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.ActivationRange;
import org.tinysim.engine.ir.Padding;
import org.tinysim.engine.ir.QuantizedMultiplier;

class QuantMathTest {

  private static QuantizedMultiplier qm(int multiplier, int shift) {
    return new QuantizedMultiplier(multiplier, shift);
  }

  @Test
  void quantizeMultiplierKnownValues() {
    // frexp(1.0) = 0.5 * 2^1 -> 0.5 * 2^31 = 2^30
    assertThat(QuantMath.quantizeMultiplier(1.0)).isEqualTo(qm(1073741824, 1));
    assertThat(QuantMath.quantizeMultiplier(0.75)).isEqualTo(qm(1610612736, 0));
    assertThat(QuantMath.quantizeMultiplier(0.5)).isEqualTo(qm(1073741824, 0));
    assertThat(QuantMath.quantizeMultiplier(-0.75)).isEqualTo(qm(-1610612736, 0));
    // 0.1 = 0.8 * 2^-3; 0.8 * 2^31 = 1717986918.4
    assertThat(QuantMath.quantizeMultiplier(0.1)).isEqualTo(qm(1717986918, -3));
    assertThat(QuantMath.quantizeMultiplier(0.0)).isEqualTo(qm(0, 0));
  }

  @Test
  void quantizeMultiplierEdgeCases() {
    // Mantissa rounding up to 2^31 is halved and the shift incremented.
    assertThat(QuantMath.quantizeMultiplier(1 - 0x1p-40)).isEqualTo(qm(1073741824, 1));
    // Shift -31 is kept, shift below -31 flushes to zero.
    assertThat(QuantMath.quantizeMultiplier(0x1p-32)).isEqualTo(qm(1073741824, -31));
    assertThat(QuantMath.quantizeMultiplier(0x1p-33)).isEqualTo(qm(0, 0));
    assertThat(QuantMath.quantizeMultiplier(0x1p-40)).isEqualTo(qm(0, 0));
    // Exact half rounds away from zero (banker's rounding would give 2^30).
    assertThat(QuantMath.quantizeMultiplier(1073741824.5 / 0x1p31)).isEqualTo(qm(1073741825, 0));
    assertThatThrownBy(() -> QuantMath.quantizeMultiplier(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QuantMath.quantizeMultiplierSmallerThanOne(1.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QuantMath.quantizeMultiplierGreaterThanOne(0.5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void quantizedMultiplierApproximatesTheReal() {
    for (double m : new double[] {0.0123, 0.5, 0.999, 1.5, 37.25, 3e-7}) {
      assertThat(QuantMath.quantizeMultiplier(m).toDouble())
          .isCloseTo(m, org.assertj.core.data.Percentage.withPercentage(1e-6));
    }
  }

  @Test
  void frexpMatchesC() {
    assertThat(QuantMath.frexp(8.0)).isEqualTo(new QuantMath.Frexp(0.5, 4));
    assertThat(QuantMath.frexp(0.75)).isEqualTo(new QuantMath.Frexp(0.75, 0));
    assertThat(QuantMath.frexp(-3.0)).isEqualTo(new QuantMath.Frexp(-0.75, 2));
    assertThat(QuantMath.frexp(Double.MIN_VALUE)).isEqualTo(new QuantMath.Frexp(0.5, -1073));
    assertThat(QuantMath.frexp(0.0)).isEqualTo(new QuantMath.Frexp(0.0, 0));
  }

  @Test
  void roundIsHalfAwayFromZero() {
    assertThat(QuantMath.round(2.5)).isEqualTo(3.0);
    assertThat(QuantMath.round(-2.5)).isEqualTo(-3.0);
    assertThat(QuantMath.round(-2.4)).isEqualTo(-2.0);
    assertThat(QuantMath.round(0.49999999999999994)).isEqualTo(0.0);
    assertThat(QuantMath.round(-0.5f)).isEqualTo(-1f);
  }

  @Test
  void activationRanges() {
    assertThat(QuantMath.activationRange(Activation.NONE, 0.5f, 3))
        .isEqualTo(new ActivationRange(-128, 127));
    assertThat(QuantMath.activationRange(Activation.RELU, 0.5f, -10))
        .isEqualTo(new ActivationRange(-10, 127));
    assertThat(QuantMath.activationRange(Activation.RELU, 0.5f, -128))
        .isEqualTo(new ActivationRange(-128, 127));
    // 6 / 0.05 = 120 -> -128 + 120
    assertThat(QuantMath.activationRange(Activation.RELU6, 0.05f, -128))
        .isEqualTo(new ActivationRange(-128, -8));
    // person_detect: 6 / 0.0235294 = 255.0 -> clamps to 127
    assertThat(QuantMath.activationRange(Activation.RELU6, 0.0235294f, -128))
        .isEqualTo(new ActivationRange(-128, 127));
    assertThat(QuantMath.activationRange(Activation.RELU6, 0.1f, 5))
        .isEqualTo(new ActivationRange(5, 65));
    assertThat(QuantMath.activationRange(Activation.RELU6, 0.01f, 0))
        .isEqualTo(new ActivationRange(0, 127));
    assertThat(QuantMath.activationRange(Activation.RELU_N1_TO_1, 1f / 64, 0))
        .isEqualTo(new ActivationRange(-64, 64));
    assertThat(QuantMath.activationRange(Activation.RELU_N1_TO_1, 1f / 256, 0))
        .isEqualTo(new ActivationRange(-128, 127));
  }

  @Test
  void samePaddingOddEvenStrideAndDilation() {
    // in 8, 3x3, stride 1: total 2 -> 1 each side
    assertThat(pad(Padding.SAME, 8, 3, 1, 1)).isEqualTo(new PaddingValues(1, 1, 0, 0, 8, 8));
    // even input, stride 2: out 4, total (3*2+3-8)=1 -> 0 before, 1 extra after
    assertThat(pad(Padding.SAME, 8, 3, 2, 1)).isEqualTo(new PaddingValues(0, 0, 1, 1, 4, 4));
    // odd input, stride 2: out 4, total (6+3-7)=2 -> 1 before, none extra
    assertThat(pad(Padding.SAME, 7, 3, 2, 1)).isEqualTo(new PaddingValues(1, 1, 0, 0, 4, 4));
    // even filter: total 3 -> 1 before, 1 extra
    assertThat(pad(Padding.SAME, 5, 4, 1, 1)).isEqualTo(new PaddingValues(1, 1, 1, 1, 5, 5));
    // dilation 2: effective filter 5, total 4 -> 2
    assertThat(pad(Padding.SAME, 8, 3, 1, 2)).isEqualTo(new PaddingValues(2, 2, 0, 0, 8, 8));
    // dilation 2, stride 2, in 9: out 5, total (8+5-9)=4
    assertThat(pad(Padding.SAME, 9, 3, 2, 2)).isEqualTo(new PaddingValues(2, 2, 0, 0, 5, 5));
    // person_detect first layer: 96 -> 48 with 3x3 stride 2
    assertThat(pad(Padding.SAME, 96, 3, 2, 1)).isEqualTo(new PaddingValues(0, 0, 1, 1, 48, 48));
  }

  @Test
  void validPaddingIsZero() {
    assertThat(pad(Padding.VALID, 8, 3, 2, 1)).isEqualTo(new PaddingValues(0, 0, 0, 0, 3, 3));
    assertThat(pad(Padding.VALID, 8, 3, 1, 2)).isEqualTo(new PaddingValues(0, 0, 0, 0, 4, 4));
  }

  @Test
  void rectangularPaddingUsesEachAxis() {
    PaddingValues p = QuantMath.computePadding(Padding.SAME, 10, 7, 5, 1, 1, 2, 1, 1);
    assertThat(p).isEqualTo(new PaddingValues(2, 0, 0, 0, 10, 4));
  }

  @Test
  void softmaxScalingAndInputRadius() {
    // beta 1, scale 1/16: 2^-4 * 2^26 = 2^22 = 0.5 * 2^23
    QuantizedMultiplier m = QuantMath.preprocessSoftmaxScaling(1.0, 0.0625, 5);
    assertThat(m).isEqualTo(qm(1073741824, 23));
    // (2^5 - 1) * 2^26 / 2^23 = 248
    assertThat(QuantMath.calculateInputRadius(5, 23, 31)).isEqualTo(248);
    // Huge beta*scale is capped at 2^31 - 1 = ((2^31 - 1) / 2^31) * 2^31.
    assertThat(QuantMath.preprocessSoftmaxScaling(1.0, 1000.0, 5)).isEqualTo(qm(2147483647, 31));
    assertThat(QuantMath.calculateInputRadius(5, 31, 31)).isEqualTo(0);
  }

  private static PaddingValues pad(Padding p, int in, int filter, int stride, int dilation) {
    return QuantMath.computePadding(p, in, in, filter, filter, stride, stride, dilation, dilation);
  }
}
