package org.tinysim.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LogSoftmaxTest {

  private static final double OUT_SCALE = LogSoftmaxParams.OUTPUT_SCALE;
  private static final int OUT_ZP = LogSoftmaxParams.OUTPUT_ZERO_POINT;

  @Test
  void handComputedRows() {
    LogSoftmaxParams p = LogSoftmaxParams.fromQuantization(0.1f);
    // depth 1: log(1) = 0 -> 127; depth 2 equal: log(0.5) = -0.693 * 16 = -11.09 -> -11 + 127 = 116
    byte[] single = new byte[1];
    LogSoftmaxInt8.run(p, 1, new byte[] {5}, single);
    assertThat(single[0]).isEqualTo((byte) 127);
    byte[] out = new byte[2];
    LogSoftmaxInt8.run(p, 2, new byte[] {-9, -9}, out);
    assertThat(out).containsExactly(116, 116);
  }

  @Test
  void paramsFollowTflitePreprocessing() {
    // 0.25 * 2^26 = 2^24 -> (2^30, 25); reverse = 2^6 / 2^30 = 2^-24 -> (2^30, -23) stored as right
    // shift 23
    LogSoftmaxParams p = LogSoftmaxParams.fromQuantization(0.25f);
    assertThat(p).isEqualTo(new LogSoftmaxParams(1 << 30, 25, 1 << 30, 23, -62));
  }

  @Test
  void differencesBeyondTheInputRadiusSaturate() {
    // scale 0.125: 0.125 * 2^26 = 2^23 -> (2^30, 24); radius floor(31 * 2^26 / 2^24) = 124 (15.5
    // real)
    LogSoftmaxParams p = LogSoftmaxParams.fromQuantization(0.125f);
    assertThat(p.diffMin()).isEqualTo(-124);
    byte[] out = new byte[4];
    LogSoftmaxInt8.run(p, 2, new byte[] {0, -124, 0, -125}, out);
    // diff -124: real -15.5 -> -248 + 127 = -121; diff -125 (real -15.625, representable as -123)
    // lies beyond the radius and is forced to -128
    assertThat(out).containsExactly(127, -121, 127, -128);
  }

  /**
   * Within 1 LSB of the ideally quantised float log-softmax, except that TFLite forces inputs
   * further than the input radius below the row max to -128. The radius is recomputed here from its
   * definition: floor(31 * 2^26 / 2^e) with e the frexp exponent of scale * 2^26.
   */
  @Test
  void matchesFloatLogSoftmaxWithinOneLsb() {
    Random rnd = new Random(53);
    for (int iter = 0; iter < 500; iter++) {
      int depth = 1 + rnd.nextInt(20);
      int rows = 1 + rnd.nextInt(3);
      float scale = (float) QuantTestSupport.uniform(rnd, 0.005, 0.5);
      int zp = rnd.nextInt(256) - 128;
      byte[] in = QuantTestSupport.randomInt8(rnd, rows * depth);
      byte[] out = new byte[in.length];
      LogSoftmaxInt8.run(LogSoftmaxParams.fromQuantization(scale), depth, in, out);
      int[] expected = new int[in.length];
      for (int r = 0; r < rows; r++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < depth; c++) {
          max = Math.max(max, scale * (in[r * depth + c] - zp));
        }
        double sum = 0;
        for (int c = 0; c < depth; c++) {
          sum += Math.exp(scale * (in[r * depth + c] - zp) - max);
        }
        int maxQ = Integer.MIN_VALUE;
        for (int c = 0; c < depth; c++) {
          maxQ = Math.max(maxQ, in[r * depth + c]);
        }
        int exponent = Math.getExponent((double) scale * (1 << 26)) + 1;
        double radius = Math.floor(31.0 * (1 << 26) / Math.pow(2, exponent));
        for (int c = 0; c < depth; c++) {
          double real = scale * (in[r * depth + c] - zp) - max - Math.log(sum);
          expected[r * depth + c] =
              in[r * depth + c] - maxQ < -radius
                  ? -128
                  : QuantTestSupport.quantizeIdeal(real, OUT_SCALE, OUT_ZP, -128, 127);
        }
      }
      QuantTestSupport.assertWithin(out, expected, 1, "iter " + iter + " scale " + scale);
    }
  }
}
