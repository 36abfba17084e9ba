package org.tinysim.engine.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AffineQuantizationTest {

  @Test
  void reluRangeStartsAtTheLowestCode() {
    AffineQuantization q = AffineQuantization.ofRange(0f, 6f);
    assertThat(q.zeroPoint()).isEqualTo(-128);
    assertThat(q.scale()).isCloseTo(6f / 255, within(1e-9f));
    assertThat(q.quantize(6f)).isEqualTo((byte) 127);
  }

  @Test
  void rangesAreWidenedToContainZero() {
    assertThat(AffineQuantization.ofRange(2f, 5.1f))
        .isEqualTo(AffineQuantization.ofRange(0f, 5.1f));
    AffineQuantization negative = AffineQuantization.ofRange(-5.1f, -2f);
    assertThat(negative.zeroPoint()).isEqualTo(127);
    assertThat(negative.quantize(-5.1f)).isEqualTo((byte) -128);
  }

  @Test
  void zeroIsExactAndTheRangeEndsAreWithinHalfAStepAfterNudging() {
    Random r = new Random(42);
    for (int i = 0; i < 1000; i++) {
      float min = -r.nextFloat() * 10;
      float max = r.nextFloat() * 10;
      AffineQuantization q = AffineQuantization.ofRange(min, max);
      assertThat(q.dequantize(q.quantize(0f))).isZero();
      assertThat(q.dequantize(q.quantize(min))).isCloseTo(min, within(q.scale() * 0.51f));
      assertThat(q.dequantize(q.quantize(max))).isCloseTo(max, within(q.scale() * 0.51f));
    }
  }

  @Test
  void aTensorThatWasAlwaysZeroStillGetsAUsableScale() {
    AffineQuantization q = AffineQuantization.ofRange(0f, 0f);
    assertThat(q.scale()).isPositive();
    assertThat(q.quantize(0f)).isEqualTo((byte) q.zeroPoint());
  }

  @Test
  void nonFiniteRangesAreRejected() {
    assertThatThrownBy(() -> AffineQuantization.ofRange(0f, Float.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not finite");
  }
}
