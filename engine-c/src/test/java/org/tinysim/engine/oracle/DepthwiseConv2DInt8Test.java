package org.tinysim.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.Padding;
import org.tinysim.engine.ir.QuantizedMultiplier;
import org.tinysim.engine.ir.Shape4;

class DepthwiseConv2DInt8Test {

  @Test
  void depthMultiplierTwoHandComputed() {
    // 1x2x2x2 input, channel 0 = {1,2,3,4}, channel 1 = {10,20,30,40}; 2x2 filter, multiplier 2
    byte[] input = {1, 10, 2, 20, 3, 30, 4, 40};
    // output channels: oc0 = ic0*m0, oc1 = ic0*m1, oc2 = ic1*m0, oc3 = ic1*m1
    // weights per tap (y,x): oc0 = 1, oc1 = -1, oc2 = 1 only at (0,0), oc3 = 2 only at (1,1)
    byte[] filter = {
      1, -1, 1, 0, // (0,0)
      1, -1, 0, 0, // (0,1)
      1, -1, 0, 0, // (1,0)
      1, -1, 0, 2, // (1,1)
    };
    int one = 1 << 30;
    DepthwiseConvParams p =
        new DepthwiseConvParams(
            0,
            3,
            new int[] {one, one, one, one},
            new int[] {1, 1, 1, 0},
            1,
            1,
            1,
            1,
            0,
            0,
            2,
            -128,
            127);
    byte[] out = new byte[4];
    DepthwiseConv2DInt8.run(
        p,
        new Shape4(1, 2, 2, 2),
        input,
        new Shape4(1, 2, 2, 4),
        filter,
        new int[] {0, 0, 5, 0},
        new Shape4(1, 1, 1, 4),
        out);
    // oc0 = 10 (+3), oc1 = -10 (+3), oc2 = 10 + 5 = 15 (+3), oc3 = 80 * 0.5 = 40 (+3)
    assertThat(out).containsExactly(13, -7, 18, 43);
  }

  @Test
  void dilationSkipsInputPixels() {
    // 1x3x3x1 input 1..9, 2x2 filter of ones, dilation 2 -> taps at corners: 1+3+7+9 = 20
    DepthwiseConvParams p =
        new DepthwiseConvParams(
            0, 0, new int[] {1 << 30}, new int[] {1}, 1, 1, 2, 2, 0, 0, 1, -128, 127);
    byte[] out = new byte[1];
    DepthwiseConv2DInt8.run(
        p,
        new Shape4(1, 3, 3, 1),
        new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9},
        new Shape4(1, 2, 2, 1),
        new byte[] {1, 1, 1, 1},
        null,
        new Shape4(1, 1, 1, 1),
        out);
    assertThat(out[0]).isEqualTo((byte) 20);
  }

  @Test
  void rejectsWrongOutputDepth() {
    DepthwiseConvParams p =
        new DepthwiseConvParams(0, 0, new int[] {1}, new int[] {0}, 1, 1, 1, 1, 0, 0, 2, -128, 127);
    assertThatThrownBy(
            () ->
                DepthwiseConv2DInt8.run(
                    p,
                    new Shape4(1, 1, 1, 1),
                    new byte[1],
                    new Shape4(1, 1, 1, 1),
                    new byte[1],
                    null,
                    new Shape4(1, 1, 1, 1),
                    new byte[1]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void matchesFloatDepthwiseWithinOneLsb() {
    Random rnd = new Random(43);
    for (int iter = 0; iter < 300; iter++) {
      int batch = 1 + rnd.nextInt(2);
      int inC = 1 + rnd.nextInt(4);
      int mult = 1 + rnd.nextInt(3);
      int outC = inC * mult;
      int fh = 1 + rnd.nextInt(3);
      int fw = 1 + rnd.nextInt(3);
      int stride = 1 + rnd.nextInt(2);
      int dil = 1 + rnd.nextInt(2);
      int h = (fh - 1) * dil + 1 + rnd.nextInt(5);
      int w = (fw - 1) * dil + 1 + rnd.nextInt(5);
      Padding kind = rnd.nextBoolean() ? Padding.SAME : Padding.VALID;
      PrepareFormulas.PaddingDim dy = PrepareFormulas.padding(kind, h, fh, stride, dil);
      PrepareFormulas.PaddingDim dx = PrepareFormulas.padding(kind, w, fw, stride, dil);
      Shape4 inS = new Shape4(batch, h, w, inC);
      Shape4 fS = new Shape4(1, fh, fw, outC);
      Shape4 outS = new Shape4(batch, dy.outputSize(), dx.outputSize(), outC);
      double inScale = QuantTestSupport.uniform(rnd, 0.01, 0.1);
      int inZp = rnd.nextInt(41) - 20;
      double[] wScale = new double[outC];
      int[] bias = new int[outC];
      for (int c = 0; c < outC; c++) {
        wScale[c] = QuantTestSupport.uniform(rnd, 0.002, 0.05);
        bias[c] = rnd.nextInt(4001) - 2000;
      }
      byte[] input = QuantTestSupport.randomInt8(rnd, inS.flatSize());
      byte[] filter = QuantTestSupport.randomWeights(rnd, fS.flatSize());

      double[] real = new double[outS.flatSize()];
      for (int b = 0; b < batch; b++) {
        for (int oy = 0; oy < outS.height(); oy++) {
          for (int ox = 0; ox < outS.width(); ox++) {
            for (int oc = 0; oc < outC; oc++) {
              int ic = oc / mult;
              double sum = bias[oc] * inScale * wScale[oc];
              for (int ky = 0; ky < fh; ky++) {
                for (int kx = 0; kx < fw; kx++) {
                  int iy = oy * stride - dy.pad() + ky * dil;
                  int ix = ox * stride - dx.pad() + kx * dil;
                  if (iy >= 0 && ix >= 0 && iy < h && ix < w) {
                    sum +=
                        inScale
                            * (input[inS.index(b, iy, ix, ic)] - inZp)
                            * wScale[oc]
                            * filter[fS.index(0, ky, kx, oc)];
                  }
                }
              }
              real[outS.index(b, oy, ox, oc)] = sum;
            }
          }
        }
      }
      double[] oq =
          QuantTestSupport.outputQuantFor(QuantTestSupport.min(real), QuantTestSupport.max(real));
      int outZp = (int) oq[1];
      int[] m = new int[outC];
      int[] s = new int[outC];
      for (int c = 0; c < outC; c++) {
        QuantizedMultiplier q = PrepareFormulas.quantizeMultiplier(inScale * wScale[c] / oq[0]);
        m[c] = q.multiplier();
        s[c] = q.shift();
      }
      DepthwiseConvParams p =
          new DepthwiseConvParams(
              -inZp, outZp, m, s, stride, stride, dil, dil, dy.pad(), dx.pad(), mult, -128, 127);
      byte[] out = new byte[outS.flatSize()];
      DepthwiseConv2DInt8.run(p, inS, input, fS, filter, bias, outS, out);
      int[] expected = new int[real.length];
      for (int i = 0; i < real.length; i++) {
        expected[i] = QuantTestSupport.quantizeIdeal(real[i], oq[0], outZp, -128, 127);
      }
      QuantTestSupport.assertWithin(out, expected, 1, "iter " + iter);
    }
  }
}
