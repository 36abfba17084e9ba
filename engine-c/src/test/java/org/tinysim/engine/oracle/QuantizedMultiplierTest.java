package org.tinysim.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.QuantizedMultiplier;

class QuantizedMultiplierTest {

  @Test
  void powersOfTwoAndSimpleFractions() {
    assertThat(PrepareFormulas.quantizeMultiplier(0.5))
        .isEqualTo(new QuantizedMultiplier(1 << 30, 0));
    assertThat(PrepareFormulas.quantizeMultiplier(1.0))
        .isEqualTo(new QuantizedMultiplier(1 << 30, 1));
    assertThat(PrepareFormulas.quantizeMultiplier(0.25))
        .isEqualTo(new QuantizedMultiplier(1 << 30, -1));
    assertThat(PrepareFormulas.quantizeMultiplier(0.75))
        .isEqualTo(new QuantizedMultiplier(3 << 29, 0));
    assertThat(PrepareFormulas.quantizeMultiplier(3.0))
        .isEqualTo(new QuantizedMultiplier(3 << 29, 2));
    assertThat(PrepareFormulas.quantizeMultiplier(0.0)).isEqualTo(new QuantizedMultiplier(0, 0));
  }

  @Test
  void roundingUpToTwoPow31Renormalises() {
    // fraction 1 - 2^-40 rounds to 2^31, which is halved with the shift bumped
    assertThat(PrepareFormulas.quantizeMultiplier(1 - Math.pow(2, -40)))
        .isEqualTo(new QuantizedMultiplier(1 << 30, 1));
  }

  @Test
  void tinyMultipliersFlushToZero() {
    assertThat(PrepareFormulas.quantizeMultiplier(Math.pow(2, -40)))
        .isEqualTo(new QuantizedMultiplier(0, 0));
    assertThat(PrepareFormulas.quantizeMultiplier(Math.pow(2, -31)))
        .isEqualTo(new QuantizedMultiplier(1 << 30, -30));
  }

  @Test
  void encodingIsWithinHalfAnUlpOfTheReal() {
    Random rnd = new Random(11);
    for (int i = 0; i < 10_000; i++) {
      double real = Math.exp(QuantTestSupport.uniform(rnd, -20, 10));
      QuantizedMultiplier q = PrepareFormulas.quantizeMultiplier(real);
      assertThat(q.multiplier()).isBetween(1 << 30, Integer.MAX_VALUE);
      double ulp = Math.pow(2, q.shift() - 31);
      assertThat(Math.abs(q.toDouble() - real)).isLessThanOrEqualTo(ulp / 2);
    }
  }

  @Test
  void rangeCheckedVariants() {
    assertThat(PrepareFormulas.quantizeMultiplierSmallerThanOne(0.3).shift())
        .isLessThanOrEqualTo(0);
    assertThat(PrepareFormulas.quantizeMultiplierGreaterThanOne(5.0))
        .isEqualTo(new QuantizedMultiplier(5 << 28, 3));
    assertThatThrownBy(() -> PrepareFormulas.quantizeMultiplierSmallerThanOne(1.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PrepareFormulas.quantizeMultiplierGreaterThanOne(0.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
