package org.tinysim.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.Padding;
import org.tinysim.engine.ir.QuantizedMultiplier;
import org.tinysim.engine.ir.Shape4;

class Conv2DInt8Test {

  private static final int HALF = 1 << 30; // with shift 0: real multiplier 0.5

  private static ConvParams params(
      int inputOffset,
      int outputOffset,
      int[] mult,
      int[] shift,
      int stride,
      int pad,
      int actMin,
      int actMax) {
    return new ConvParams(
        inputOffset, outputOffset, mult, shift, stride, stride, 1, 1, pad, pad, actMin, actMax);
  }

  private static byte[] oneToNine() {
    return new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9};
  }

  private static byte[] filled(int n, int v) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) v);
    return b;
  }

  @Test
  void valid3x3OverOneToNine() {
    Shape4 in = new Shape4(1, 3, 3, 1);
    Shape4 f = new Shape4(1, 3, 3, 1);
    Shape4 out = new Shape4(1, 1, 1, 1);
    byte[] o = new byte[1];
    // sum 45 * 0.5 = 22.5 -> 23 (tie rounds up)
    Conv2DInt8.run(
        params(0, 0, new int[] {HALF}, new int[] {0}, 1, 0, -128, 127),
        in,
        oneToNine(),
        f,
        filled(9, 1),
        new int[] {0},
        out,
        o);
    assertThat(o[0]).isEqualTo((byte) 23);
    // input zero point 1 -> values 0..8 sum 36, + bias 10 = 46, * 0.5 = 23, + output offset -5 = 18
    Conv2DInt8.run(
        params(-1, -5, new int[] {HALF}, new int[] {0}, 1, 0, -128, 127),
        in,
        oneToNine(),
        f,
        filled(9, 1),
        new int[] {10},
        out,
        o);
    assertThat(o[0]).isEqualTo((byte) 18);
    // negative: -45 * 0.5 = -22.5 -> -22 (high-mul ties go towards +inf)
    Conv2DInt8.run(
        params(0, 0, new int[] {HALF}, new int[] {0}, 1, 0, -128, 127),
        in,
        oneToNine(),
        f,
        filled(9, -1),
        null,
        out,
        o);
    assertThat(o[0]).isEqualTo((byte) -22);
    // same with activation clamp at -10
    Conv2DInt8.run(
        params(0, 0, new int[] {HALF}, new int[] {0}, 1, 0, -10, 127),
        in,
        oneToNine(),
        f,
        filled(9, -1),
        null,
        out,
        o);
    assertThat(o[0]).isEqualTo((byte) -10);
  }

  @Test
  void perChannelMultipliersAndShifts() {
    Shape4 in = new Shape4(1, 3, 3, 1);
    Shape4 f = new Shape4(2, 3, 3, 1);
    byte[] filter = new byte[18];
    for (int i = 0; i < 9; i++) {
      filter[i] = 1;
      filter[9 + i] = 2;
    }
    byte[] o = new byte[2];
    // ch0: 45 * 0.5 = 22.5 -> 23; ch1: 90 * 0.125 = 11.25 -> (45 then /4 = 11.25) -> 11
    Conv2DInt8.run(
        params(0, 0, new int[] {HALF, HALF}, new int[] {0, -2}, 1, 0, -128, 127),
        in,
        oneToNine(),
        f,
        filter,
        null,
        new Shape4(1, 1, 1, 2),
        o);
    assertThat(o).containsExactly(23, 11);
  }

  @Test
  void samePaddingSkipsOutOfImageTaps() {
    // 2x2 image, 3x3 ones filter, pad 1: every window covers the whole image -> 1+2+3+4 = 10
    Shape4 in = new Shape4(1, 2, 2, 1);
    byte[] o = new byte[4];
    Conv2DInt8.run(
        params(-2, 0, new int[] {HALF}, new int[] {1}, 1, 1, -128, 127),
        in,
        new byte[] {3, 4, 5, 6},
        new Shape4(1, 3, 3, 1),
        filled(9, 1),
        null,
        new Shape4(1, 2, 2, 1),
        o);
    // input offset -2 maps {3,4,5,6} to {1,2,3,4}; padding must not contribute -2 per tap
    assertThat(o).containsExactly(10, 10, 10, 10);
  }

  @Test
  void rejectsInconsistentShapes() {
    assertThatThrownBy(
            () ->
                Conv2DInt8.run(
                    params(0, 0, new int[] {HALF}, new int[] {0}, 1, 0, -128, 127),
                    new Shape4(1, 3, 3, 1),
                    new byte[9],
                    new Shape4(2, 3, 3, 1),
                    new byte[18],
                    null,
                    new Shape4(1, 1, 1, 2),
                    new byte[2]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Random geometry and quantisation versus the real-valued convolution (tolerance 1 LSB). */
  @Test
  void matchesFloatConvolutionWithinOneLsb() {
    Random rnd = new Random(42);
    for (int iter = 0; iter < 300; iter++) {
      int groups = rnd.nextInt(4) == 0 ? 2 : 1;
      int batch = 1 + rnd.nextInt(2);
      int inC = groups * (1 + rnd.nextInt(3));
      int outC = groups * (1 + rnd.nextInt(3));
      int fh = 1 + rnd.nextInt(3);
      int fw = 1 + rnd.nextInt(3);
      int stride = 1 + rnd.nextInt(2);
      int dil = 1 + rnd.nextInt(2);
      int h = (fh - 1) * dil + 1 + rnd.nextInt(5);
      int w = (fw - 1) * dil + 1 + rnd.nextInt(5);
      Padding kind = rnd.nextBoolean() ? Padding.SAME : Padding.VALID;
      PrepareFormulas.PaddingDim dy = PrepareFormulas.padding(kind, h, fh, stride, dil);
      PrepareFormulas.PaddingDim dx = PrepareFormulas.padding(kind, w, fw, stride, dil);
      Shape4 inShape = new Shape4(batch, h, w, inC);
      Shape4 fShape = new Shape4(outC, fh, fw, inC / groups);
      Shape4 outShape = new Shape4(batch, dy.outputSize(), dx.outputSize(), outC);

      double inScale = QuantTestSupport.uniform(rnd, 0.01, 0.1);
      int inZp = rnd.nextInt(41) - 20;
      double[] wScale = new double[outC];
      for (int c = 0; c < outC; c++) {
        wScale[c] = QuantTestSupport.uniform(rnd, 0.002, 0.02);
      }
      byte[] input = QuantTestSupport.randomInt8(rnd, inShape.flatSize());
      byte[] filter = QuantTestSupport.randomWeights(rnd, fShape.flatSize());
      int[] bias = new int[outC];
      for (int c = 0; c < outC; c++) {
        bias[c] = rnd.nextInt(20001) - 10000;
      }

      double[] real =
          realConv(
              inShape, input, inScale, inZp, fShape, filter, wScale, bias, outShape, stride, dil,
              dy.pad(), dx.pad(), groups);
      double[] oq =
          QuantTestSupport.outputQuantFor(QuantTestSupport.min(real), QuantTestSupport.max(real));
      double outScale = oq[0];
      int outZp = (int) oq[1];
      int actMin = rnd.nextInt(3) == 0 ? outZp : -128; // sometimes a fused RELU
      int[] mult = new int[outC];
      int[] shift = new int[outC];
      for (int c = 0; c < outC; c++) {
        QuantizedMultiplier q = PrepareFormulas.quantizeMultiplier(inScale * wScale[c] / outScale);
        mult[c] = q.multiplier();
        shift[c] = q.shift();
      }
      ConvParams p =
          new ConvParams(
              -inZp, outZp, mult, shift, stride, stride, dil, dil, dy.pad(), dx.pad(), actMin, 127);
      byte[] out = new byte[outShape.flatSize()];
      Conv2DInt8.run(p, inShape, input, fShape, filter, bias, outShape, out);

      int[] expected = new int[real.length];
      for (int i = 0; i < real.length; i++) {
        expected[i] = QuantTestSupport.quantizeIdeal(real[i], outScale, outZp, actMin, 127);
      }
      QuantTestSupport.assertWithin(out, expected, 1, "iter " + iter + " " + p);
    }
  }

  /** Direct real-valued convolution over dequantised tensors; padding is real 0. */
  static double[] realConv(
      Shape4 inS,
      byte[] in,
      double inScale,
      int inZp,
      Shape4 fS,
      byte[] f,
      double[] wScale,
      int[] bias,
      Shape4 outS,
      int stride,
      int dil,
      int padH,
      int padW,
      int groups) {
    double[] out = new double[outS.flatSize()];
    int cinPerGroup = fS.channels();
    int coutPerGroup = outS.channels() / groups;
    for (int b = 0; b < outS.batch(); b++) {
      for (int oy = 0; oy < outS.height(); oy++) {
        for (int ox = 0; ox < outS.width(); ox++) {
          for (int oc = 0; oc < outS.channels(); oc++) {
            int g = oc / coutPerGroup;
            double sum = bias[oc] * inScale * wScale[oc];
            for (int ky = 0; ky < fS.height(); ky++) {
              for (int kx = 0; kx < fS.width(); kx++) {
                int iy = oy * stride - padH + ky * dil;
                int ix = ox * stride - padW + kx * dil;
                if (iy < 0 || ix < 0 || iy >= inS.height() || ix >= inS.width()) {
                  continue;
                }
                for (int ic = 0; ic < cinPerGroup; ic++) {
                  double x = inScale * (in[inS.index(b, iy, ix, g * cinPerGroup + ic)] - inZp);
                  double wv = wScale[oc] * f[fS.index(oc, ky, kx, ic)];
                  sum += x * wv;
                }
              }
            }
            out[outS.index(b, oy, ox, oc)] = sum;
          }
        }
      }
    }
    return out;
  }
}
