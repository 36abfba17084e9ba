package org.tinysim.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class QuantizeKernelsTest {

  @Test
  void quantizeRoundsHalfAwayFromZeroUnlikeMathRound() {
    float[] in = {0.5f, -0.5f, 2.5f, -2.5f, 1000f, -1000f, 0.2f, -1.49f};
    byte[] out = new byte[in.length];
    QuantizeFloatToInt8.run(in, 1f, 0, out);
    assertThat(out).containsExactly(1, -1, 3, -3, 127, -128, 0, -1);
    assertThat(Math.round(-0.5f)).isEqualTo(0); // the trap the implementation must avoid
    assertThat(QuantizeFloatToInt8.quantize(1.0f, 0.25f, -10)).isEqualTo((byte) -6);
  }

  @Test
  void dequantizeIsScaleTimesOffsetValue() {
    float[] out = new float[3];
    DequantizeInt8ToFloat.run(new byte[] {5, 1, -128}, 0.5f, 1, out);
    assertThat(out).containsExactly(2.0f, 0.0f, -64.5f);
  }

  @Test
  void quantizeDequantizeRoundTripWithinHalfStep() {
    Random rnd = new Random(50);
    for (int i = 0; i < 10_000; i++) {
      float scale = (float) QuantTestSupport.uniform(rnd, 0.001, 1);
      int zp = rnd.nextInt(256) - 128;
      float x = (float) (scale * QuantTestSupport.uniform(rnd, -128 - zp, 127 - zp));
      byte q = QuantizeFloatToInt8.quantize(x, scale, zp);
      float[] back = new float[1];
      DequantizeInt8ToFloat.run(new byte[] {q}, scale, zp, back);
      assertThat((double) Math.abs(back[0] - x)).isLessThanOrEqualTo(scale * 0.5 + 1e-5);
    }
  }

  @Test
  void requantizeHandComputed() {
    byte[] out = new byte[5];
    // ratio 0.5, zero points 0: 10 -> 5, -10 -> -5, 3 -> 1.5 -> 2, -3 -> -1.5 -> -1 (high-mul tie
    // up)
    RequantizeInt8.run(new byte[] {10, -10, 3, -3, 100}, 0, 0, 1 << 30, 0, out);
    assertThat(out).containsExactly(5, -5, 2, -1, 50);
    // ratio 4 with zero points: (10 - 2) * 4 + 7 = 39; (100 - 2) * 4 + 7 saturates to 127
    RequantizeInt8.run(new byte[] {10, 100, 2, -30, -128}, 0.4f, 2, 0.1f, 7, out);
    assertThat(out).containsExactly(39, 127, 7, -121, -128);
  }

  @Test
  void requantizeMatchesFloatWithinOneLsb() {
    Random rnd = new Random(51);
    for (int iter = 0; iter < 300; iter++) {
      float si = (float) QuantTestSupport.uniform(rnd, 0.01, 0.2);
      float so = (float) QuantTestSupport.uniform(rnd, 0.01, 0.2);
      int zi = rnd.nextInt(256) - 128;
      int zo = rnd.nextInt(256) - 128;
      byte[] in = QuantTestSupport.randomInt8(rnd, 64);
      byte[] out = new byte[64];
      RequantizeInt8.run(in, si, zi, so, zo, out);
      int[] expected = new int[64];
      for (int i = 0; i < 64; i++) {
        expected[i] = QuantTestSupport.quantizeIdeal((double) si * (in[i] - zi), so, zo, -128, 127);
      }
      QuantTestSupport.assertWithin(out, expected, 1, "iter " + iter);
    }
  }
}
