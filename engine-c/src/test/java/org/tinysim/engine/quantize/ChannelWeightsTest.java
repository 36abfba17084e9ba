package org.tinysim.engine.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ChannelWeightsTest {

  /** Two OHWI channels of three weights each. */
  private static final float[] W = {0.5f, -1.27f, 0.1f, 0.02f, 0.011f, -0.005f};

  @Test
  void eachChannelUsesItsOwnLargestMagnitude() {
    ChannelWeights q = ChannelWeights.quantize("l", W, new float[] {0f, 0f}, 2, 3, 0.5f);

    assertThat(q.scales()[0]).isCloseTo(0.01f, within(1e-7f));
    assertThat(q.scales()[1]).isCloseTo(0.02f / 127, within(1e-9f));
    assertThat(q.weights()).containsExactly(50, -127, 10, 127, 70, -32);
  }

  @Test
  void channelsInterleaveWhenInnerIsOne() {
    // 1HWC layout: element i belongs to channel i % 2.
    float[] w = {1f, 0.5f, -0.5f, -0.25f};
    ChannelWeights q = ChannelWeights.quantize("dw", w, new float[] {0f, 0f}, 2, 1, 1f);
    assertThat(q.weights()).containsExactly(127, 127, -64, -64);
  }

  @Test
  void biasIsRoundedAtInputTimesWeightScale() {
    ChannelWeights q = ChannelWeights.quantize("l", W, new float[] {0.3f, -0.001f}, 2, 3, 0.5f);
    assertThat(q.biasScales(0.5f)[0]).isCloseTo(0.005f, within(1e-9f));
    assertThat(q.bias()[0]).isEqualTo(60);
    assertThat(q.bias()[1]).isEqualTo(Math.round(-0.001 / (0.5 * q.scales()[1])));
  }

  @Test
  void anAllZeroChannelGetsAPositiveScaleAndZeroCodes() {
    float[] w = {0f, 0f, 0.5f, 0.25f};
    ChannelWeights q = ChannelWeights.quantize("l", w, new float[] {0.2f, 0f}, 2, 2, 0.1f);
    assertThat(q.scales()[0]).isPositive();
    assertThat(q.weights()[0]).isZero();
    assertThat(q.bias()[0] * (double) q.biasScales(0.1f)[0]).isCloseTo(0.2, within(1e-3));
  }

  @Test
  void aBiasTooLargeForInt32RaisesTheChannelScale() {
    float[] w = {1e-6f};
    ChannelWeights q = ChannelWeights.quantize("l", w, new float[] {1000f}, 1, 1, 1e-3f);
    assertThat(Math.abs((long) q.bias()[0])).isLessThanOrEqualTo(1L << 30);
    assertThat(q.bias()[0] * (double) q.biasScales(1e-3f)[0]).isCloseTo(1000, within(0.01));
  }

  @Test
  void biasCountMustMatchChannels() {
    assertThatThrownBy(() -> ChannelWeights.quantize("fc1", W, new float[3], 2, 3, 1f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fc1")
        .hasMessageContaining("3 biases for 2 channels");
  }
}
