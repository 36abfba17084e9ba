package org.tinysim.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SoftmaxTest {

  @Test
  void uniformRowIsOneOverDepth() {
    SoftmaxParams p = SoftmaxParams.fromQuantization(1f, 0.1f);
    byte[] out = new byte[8];
    SoftmaxInt8.run(p, 4, new byte[] {7, 7, 7, 7, -3, -3, -3, -3}, out);
    // 0.25 * 256 - 128 = -64
    assertThat(out).containsOnly((byte) -64);
    byte[] single = new byte[1];
    SoftmaxInt8.run(p, 1, new byte[] {42}, single);
    assertThat(single[0]).isEqualTo((byte) 127); // 1.0 -> 128, saturated
  }

  @Test
  void paramsFollowTflitePreprocessing() {
    // beta * scale * 2^26 = 0.25 * 2^26 = 2^24 -> multiplier 2^30, left shift 25
    SoftmaxParams p = SoftmaxParams.fromQuantization(1f, 0.25f);
    assertThat(p.inputMultiplier()).isEqualTo(1 << 30);
    assertThat(p.inputLeftShift()).isEqualTo(25);
    // radius = floor(31 * 2^26 / 2^25) = 62
    assertThat(p.diffMin()).isEqualTo(-62);
  }

  @Test
  void hugeDifferencesGiveMinusOneTwentyEight() {
    SoftmaxParams p = SoftmaxParams.fromQuantization(1f, 0.25f); // diffMin -62
    byte[] out = new byte[2];
    SoftmaxInt8.run(p, 2, new byte[] {100, -100}, out); // diff -200 < diffMin
    assertThat(out).containsExactly(127, -128);
  }

  /**
   * Per element within 1 LSB (1/256) of the ideally quantised float softmax; hence the real sum is
   * within 1.5/256 per element of 1; and larger inputs never get smaller probabilities.
   */
  @Test
  void matchesFloatSoftmaxSumsToOneAndIsMonotone() {
    Random rnd = new Random(52);
    for (int iter = 0; iter < 500; iter++) {
      int depth = 1 + rnd.nextInt(20);
      int rows = 1 + rnd.nextInt(3);
      float scale = (float) QuantTestSupport.uniform(rnd, 0.005, 0.5);
      float beta = rnd.nextInt(4) == 0 ? (float) QuantTestSupport.uniform(rnd, 0.5, 2) : 1f;
      int zp = rnd.nextInt(256) - 128;
      byte[] in = QuantTestSupport.randomInt8(rnd, rows * depth);
      byte[] out = new byte[in.length];
      SoftmaxInt8.run(SoftmaxParams.fromQuantization(beta, scale), depth, in, out);
      int[] expected = new int[in.length];
      for (int r = 0; r < rows; r++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < depth; c++) {
          max = Math.max(max, scale * (in[r * depth + c] - zp));
        }
        double sum = 0;
        double[] e = new double[depth];
        for (int c = 0; c < depth; c++) {
          e[c] = Math.exp(beta * (scale * (in[r * depth + c] - zp) - max));
          sum += e[c];
        }
        double realSum = 0;
        for (int c = 0; c < depth; c++) {
          expected[r * depth + c] =
              QuantTestSupport.quantizeIdeal(e[c] / sum, 1 / 256.0, -128, -128, 127);
          realSum += (out[r * depth + c] + 128) / 256.0;
        }
        // 127 caps a lone 1.0 at 255/256, covered by the same per-element allowance
        assertThat(Math.abs(realSum - 1))
            .as("row sum, iter %d", iter)
            .isLessThanOrEqualTo(1.5 * depth / 256);
        for (int i = 0; i < depth; i++) {
          for (int j = 0; j < depth; j++) {
            if (in[r * depth + i] >= in[r * depth + j]) {
              assertThat(out[r * depth + i]).isGreaterThanOrEqualTo(out[r * depth + j]);
            }
          }
        }
      }
      QuantTestSupport.assertWithin(out, expected, 1, "iter " + iter);
    }
  }
}
