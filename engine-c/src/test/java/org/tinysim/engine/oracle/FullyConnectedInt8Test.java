package org.tinysim.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.QuantizedMultiplier;

class FullyConnectedInt8Test {

  @Test
  void perTensorWithInputAndFilterOffsets() {
    // input zp 2 -> {1, 2, 3}; filter zp 1 -> row0 {1, 1, 1}, row1 {-1, 0, 2}
    byte[] input = {3, 4, 5};
    byte[] filter = {2, 2, 2, 0, 1, 3};
    FullyConnectedParams p =
        FullyConnectedParams.perTensor(-2, -1, 10, 1 << 30, 1, -128, 127); // x1.0
    byte[] out = new byte[2];
    FullyConnectedInt8.run(p, 1, input, 2, filter, new int[] {100, -1}, out);
    // row0: 6 + 100 = 106 + 10 = 116 (<= 127); row1: -1 + 6 - 1 = 4 + 10 = 14
    assertThat(out).containsExactly(116, 14);
  }

  @Test
  void perChannelAndBatchesAndClamp() {
    byte[] input = {1, 2, -1, -2}; // two batches of depth 2
    byte[] filter = {10, 10, 1, -1};
    FullyConnectedParams p =
        new FullyConnectedParams(0, 0, 0, new int[] {1 << 30, 1 << 30}, new int[] {0, -1}, -5, 127);
    byte[] out = new byte[4];
    FullyConnectedInt8.run(p, 2, input, 2, filter, null, out);
    // b0: 30 * 0.5 = 15; -1 * 0.25: high-mul gives -0.5 -> 0, then 0.
    // b1: -30 * 0.5 = -15 -> clamp -5; 1 * 0.25: high-mul gives 0.5 -> 1, then 1/2 -> 1
    // (double rounding turns a real 0.25 into 1, as TFLite's reference does)
    assertThat(out).containsExactly(15, 0, -5, 1);
  }

  @Test
  void perChannelRequiresSymmetricWeights() {
    assertThatThrownBy(
            () -> new FullyConnectedParams(0, -1, 0, new int[] {1, 1}, new int[] {0, 0}, -128, 127))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void matchesFloatMatmulWithinOneLsb() {
    Random rnd = new Random(44);
    for (int iter = 0; iter < 300; iter++) {
      int batches = 1 + rnd.nextInt(3);
      int depth = 1 + rnd.nextInt(64);
      int outDepth = 1 + rnd.nextInt(16);
      boolean perChannel = rnd.nextBoolean();
      double inScale = QuantTestSupport.uniform(rnd, 0.01, 0.1);
      int inZp = rnd.nextInt(41) - 20;
      double[] wScale = new double[outDepth];
      double common = QuantTestSupport.uniform(rnd, 0.002, 0.02);
      int[] bias = new int[outDepth];
      for (int c = 0; c < outDepth; c++) {
        wScale[c] = perChannel ? QuantTestSupport.uniform(rnd, 0.002, 0.02) : common;
        bias[c] = rnd.nextInt(20001) - 10000;
      }
      byte[] input = QuantTestSupport.randomInt8(rnd, batches * depth);
      byte[] filter = QuantTestSupport.randomWeights(rnd, outDepth * depth);
      double[] real = new double[batches * outDepth];
      for (int b = 0; b < batches; b++) {
        for (int o = 0; o < outDepth; o++) {
          double sum = bias[o] * inScale * wScale[o];
          for (int d = 0; d < depth; d++) {
            sum += inScale * (input[b * depth + d] - inZp) * wScale[o] * filter[o * depth + d];
          }
          real[b * outDepth + o] = sum;
        }
      }
      double[] oq =
          QuantTestSupport.outputQuantFor(QuantTestSupport.min(real), QuantTestSupport.max(real));
      int outZp = (int) oq[1];
      int n = perChannel ? outDepth : 1;
      int[] m = new int[n];
      int[] s = new int[n];
      for (int c = 0; c < n; c++) {
        QuantizedMultiplier q = PrepareFormulas.quantizeMultiplier(inScale * wScale[c] / oq[0]);
        m[c] = q.multiplier();
        s[c] = q.shift();
      }
      FullyConnectedParams p = new FullyConnectedParams(-inZp, 0, outZp, m, s, -128, 127);
      byte[] out = new byte[batches * outDepth];
      FullyConnectedInt8.run(p, batches, input, outDepth, filter, bias, out);
      int[] expected = new int[real.length];
      for (int i = 0; i < real.length; i++) {
        expected[i] = QuantTestSupport.quantizeIdeal(real[i], oq[0], outZp, -128, 127);
      }
      QuantTestSupport.assertWithin(out, expected, 1, "iter " + iter);
    }
  }
}
