package org.tinysim.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.Activation;
import org.tinysim.engine.ir.ActivationRange;
import org.tinysim.engine.ir.Padding;

class GeometryAndActivationTest {

  @Test
  void samePaddingSplitsTotalPadWithExtraAtTheEnd() {
    // in 5, filter 3, stride 2: out 3, total pad (2*2 + 3 - 5) = 2 -> leading 1
    assertThat(PrepareFormulas.padding(Padding.SAME, 5, 3, 2, 1))
        .isEqualTo(new PrepareFormulas.PaddingDim(3, 1));
    // in 4, filter 3, stride 2: out 2, total pad 1 -> leading 0 (extra goes to the end)
    assertThat(PrepareFormulas.padding(Padding.SAME, 4, 3, 2, 1))
        .isEqualTo(new PrepareFormulas.PaddingDim(2, 0));
    // dilation 2 makes the effective filter 5: out 5, total pad 4 -> leading 2
    assertThat(PrepareFormulas.padding(Padding.SAME, 5, 3, 1, 2))
        .isEqualTo(new PrepareFormulas.PaddingDim(5, 2));
  }

  @Test
  void validPaddingHasNoPad() {
    assertThat(PrepareFormulas.padding(Padding.VALID, 5, 3, 2, 1))
        .isEqualTo(new PrepareFormulas.PaddingDim(2, 0));
    assertThat(PrepareFormulas.padding(Padding.VALID, 3, 3, 1, 1))
        .isEqualTo(new PrepareFormulas.PaddingDim(1, 0));
    assertThatThrownBy(() -> PrepareFormulas.padding(Padding.VALID, 2, 3, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void activationRanges() {
    assertThat(PrepareFormulas.activationRange(Activation.NONE, 0.1f, 3))
        .isEqualTo(new ActivationRange(-128, 127));
    assertThat(PrepareFormulas.activationRange(Activation.RELU, 0.1f, -20))
        .isEqualTo(new ActivationRange(-20, 127));
    // 6 / 0.05 = 120 -> -128 + 120 = -8
    assertThat(PrepareFormulas.activationRange(Activation.RELU6, 0.05f, -128))
        .isEqualTo(new ActivationRange(-128, -8));
    // RELU6 bound beyond the int8 range is clipped
    assertThat(PrepareFormulas.activationRange(Activation.RELU6, 0.01f, 0))
        .isEqualTo(new ActivationRange(0, 127));
    // +-1 / 0.125 = +-8 around zero point 10
    assertThat(PrepareFormulas.activationRange(Activation.RELU_N1_TO_1, 0.125f, 10))
        .isEqualTo(new ActivationRange(2, 18));
  }
}
