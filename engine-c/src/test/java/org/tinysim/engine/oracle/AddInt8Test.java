package org.tinysim.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.ActivationRange;

class AddInt8Test {

  private static final AddParams UNIT =
      AddParams.fromQuantization(1f, 0, 1f, 0, 1f, 0, ActivationRange.INT8_FULL);

  @Test
  void unitScaleParamsAreTheExpectedPowersOfTwo() {
    // inputs: 1 / (2 * 1) = 0.5 -> (2^30, 0); output: 2 / 2^20 = 2^-19 -> (2^30, -18)
    assertThat(UNIT)
        .isEqualTo(new AddParams(0, 0, 20, 1 << 30, 0, 1 << 30, 0, 1 << 30, -18, 0, -128, 127));
  }

  @Test
  void elementwiseHandComputed() {
    byte[] out = new byte[4];
    AddInt8.run(UNIT, new byte[] {3, 100, -100, -7}, new byte[] {4, 100, -100, 2}, out);
    assertThat(out).containsExactly(7, 127, -128, -5);
  }

  @Test
  void offsetsAndActivationClamp() {
    // zero points 5 and -3, output zp 10, RELU-style min at 10
    AddParams p = AddParams.fromQuantization(1f, 5, 1f, -3, 1f, 10, new ActivationRange(10, 127));
    byte[] out = new byte[2];
    AddInt8.run(p, new byte[] {8, 0}, new byte[] {-1, -3}, out);
    // (3 + 2) + 10 = 15; (-5 + 0) + 10 = 5 -> clamped to 10
    assertThat(out).containsExactly(15, 10);
  }

  @Test
  void broadcastRowAndOuterSum() {
    byte[] out = new byte[6];
    AddInt8.runBroadcast(
        UNIT,
        new int[] {2, 3},
        new byte[] {1, 2, 3, 4, 5, 6},
        new int[] {3},
        new byte[] {10, 20, 30},
        new int[] {2, 3},
        out);
    assertThat(out).containsExactly(11, 22, 33, 14, 25, 36);
    AddInt8.runBroadcast(
        UNIT,
        new int[] {2, 1},
        new byte[] {1, 2},
        new int[] {1, 3},
        new byte[] {10, 20, 30},
        new int[] {2, 3},
        out);
    assertThat(out).containsExactly(11, 21, 31, 12, 22, 32);
  }

  @Test
  void matchesFloatAdditionWithinOneLsb() {
    Random rnd = new Random(45);
    for (int iter = 0; iter < 500; iter++) {
      float s1 = (float) QuantTestSupport.uniform(rnd, 0.005, 0.2);
      float s2 = (float) QuantTestSupport.uniform(rnd, 0.005, 0.2);
      int z1 = rnd.nextInt(256) - 128;
      int z2 = rnd.nextInt(256) - 128;
      double lo = s1 * (-128 - z1) + s2 * (-128 - z2);
      double hi = s1 * (127 - z1) + s2 * (127 - z2);
      double[] oq = QuantTestSupport.outputQuantFor(lo, hi * QuantTestSupport.uniform(rnd, 0.5, 1));
      float so = (float) oq[0];
      int zo = (int) oq[1];
      AddParams p = AddParams.fromQuantization(s1, z1, s2, z2, so, zo, ActivationRange.INT8_FULL);
      byte[] a = QuantTestSupport.randomInt8(rnd, 64);
      byte[] b = QuantTestSupport.randomInt8(rnd, 64);
      byte[] out = new byte[64];
      AddInt8.run(p, a, b, out);
      int[] expected = new int[64];
      for (int i = 0; i < 64; i++) {
        double real = (double) s1 * (a[i] - z1) + (double) s2 * (b[i] - z2);
        expected[i] = QuantTestSupport.quantizeIdeal(real, so, zo, -128, 127);
      }
      QuantTestSupport.assertWithin(out, expected, 1, "iter " + iter + " " + p);
    }
  }

  @Test
  void broadcastEqualsElementwiseOnExpandedInput() {
    Random rnd = new Random(46);
    AddParams p =
        AddParams.fromQuantization(0.05f, 3, 0.02f, -7, 0.06f, 1, ActivationRange.INT8_FULL);
    int[] shape = {2, 3, 4, 5};
    byte[] a = QuantTestSupport.randomInt8(rnd, 120);
    byte[] bias = QuantTestSupport.randomInt8(rnd, 5); // shape [5]
    byte[] expandedBias = new byte[120];
    for (int i = 0; i < 120; i++) {
      expandedBias[i] = bias[i % 5];
    }
    byte[] viaBroadcast = new byte[120];
    byte[] viaElementwise = new byte[120];
    AddInt8.runBroadcast(p, shape, a, new int[] {5}, bias, shape, viaBroadcast);
    AddInt8.run(p, a, expandedBias, viaElementwise);
    assertThat(viaBroadcast).containsExactly(viaElementwise);
  }
}
