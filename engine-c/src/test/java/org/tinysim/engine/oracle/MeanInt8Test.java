package org.tinysim.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.Shape4;

class MeanInt8Test {

  @Test
  void sameScaleHandComputed() {
    MeanParams same = MeanParams.fromQuantization(0.1f, 0, 0.1f, 0);
    assertThat(same).isEqualTo(new MeanParams(0, 0, 1 << 30, 1)); // multiplier 1.0
    byte[] out = new byte[2];
    // 1x2x2x2: channel 0 = {1,2,3,4} -> 2.5 -> 3; channel 1 = {-1,-2,-3,-4} -> -2.5 -> -3
    MeanInt8.run(same, new Shape4(1, 2, 2, 2), new byte[] {1, -1, 2, -2, 3, -3, 4, -4}, out);
    assertThat(out).containsExactly(3, -3);
  }

  @Test
  void zeroPointsAndRescale() {
    // in zp 1: {0,1,2,3} sum 6; scale ratio 2 -> 12; 12/4 = 3; + out zp -2 -> 1
    MeanParams p = MeanParams.fromQuantization(0.2f, 1, 0.1f, -2);
    byte[] out = new byte[1];
    MeanInt8.run(p, new Shape4(1, 2, 2, 1), new byte[] {1, 2, 3, 4}, out);
    assertThat(out[0]).isEqualTo((byte) 1);
    // saturation: mean 120 * ratio 2 = 240 -> 127
    MeanInt8.run(
        MeanParams.fromQuantization(0.2f, 0, 0.1f, 0),
        new Shape4(1, 2, 2, 1),
        new byte[] {120, 120, 120, 120},
        out);
    assertThat(out[0]).isEqualTo((byte) 127);
  }

  @Test
  void matchesFloatMeanWithinOneLsb() {
    Random rnd = new Random(48);
    for (int iter = 0; iter < 300; iter++) {
      Shape4 s =
          new Shape4(
              1 + rnd.nextInt(2), 1 + rnd.nextInt(7), 1 + rnd.nextInt(7), 1 + rnd.nextInt(4));
      float inScale = (float) QuantTestSupport.uniform(rnd, 0.01, 0.2);
      float outScale = (float) (inScale * QuantTestSupport.uniform(rnd, 0.3, 3));
      int inZp = rnd.nextInt(256) - 128;
      int outZp = rnd.nextInt(256) - 128;
      byte[] in = QuantTestSupport.randomInt8(rnd, s.flatSize());
      byte[] out = new byte[s.batch() * s.channels()];
      MeanInt8.run(MeanParams.fromQuantization(inScale, inZp, outScale, outZp), s, in, out);
      int[] expected = new int[out.length];
      for (int b = 0; b < s.batch(); b++) {
        for (int c = 0; c < s.channels(); c++) {
          double sum = 0;
          for (int y = 0; y < s.height(); y++) {
            for (int x = 0; x < s.width(); x++) {
              sum += (double) inScale * (in[s.index(b, y, x, c)] - inZp);
            }
          }
          expected[b * s.channels() + c] =
              QuantTestSupport.quantizeIdeal(
                  sum / (s.height() * s.width()), outScale, outZp, -128, 127);
        }
      }
      QuantTestSupport.assertWithin(out, expected, 1, "iter " + iter);
    }
  }
}
