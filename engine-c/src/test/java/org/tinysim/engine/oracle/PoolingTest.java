package org.tinysim.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.Padding;
import org.tinysim.engine.ir.Shape4;

class PoolingTest {

  private static final Shape4 IN_2X2 = new Shape4(1, 2, 2, 1);
  private static final Shape4 OUT_1X1 = new Shape4(1, 1, 1, 1);
  private static final PoolParams WHOLE_2X2 = new PoolParams(1, 1, 2, 2, 0, 0, -128, 127);

  private static int avg(byte... v) {
    byte[] out = new byte[1];
    AveragePool2DInt8.run(WHOLE_2X2, IN_2X2, v, OUT_1X1, out);
    return out[0];
  }

  @Test
  void averageRoundsHalfAwayFromZero() {
    assertThat(avg((byte) 1, (byte) 2, (byte) 3, (byte) 4)).isEqualTo(3); // 2.5
    assertThat(avg((byte) -1, (byte) -2, (byte) -3, (byte) -4)).isEqualTo(-3); // -2.5
    assertThat(avg((byte) 1, (byte) 1, (byte) 1, (byte) 2)).isEqualTo(1); // 1.25
    assertThat(avg((byte) 1, (byte) 2, (byte) 3, (byte) 5)).isEqualTo(3); // 2.75
    assertThat(avg((byte) -1, (byte) -1, (byte) -1, (byte) -2)).isEqualTo(-1); // -1.25
    assertThat(avg((byte) 127, (byte) 127, (byte) 127, (byte) 127)).isEqualTo(127);
  }

  @Test
  void averageExcludesPaddingFromTheCount() {
    // 3x3 input 1..9, 3x3 SAME window: corner (0,0) sees {1,2,4,5} -> 12/4 = 3; centre 45/9 = 5
    byte[] in = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    byte[] out = new byte[9];
    AveragePool2DInt8.run(
        new PoolParams(1, 1, 3, 3, 1, 1, -128, 127),
        new Shape4(1, 3, 3, 1),
        in,
        new Shape4(1, 3, 3, 1),
        out);
    // edges: (0,1) {1,2,3,4,5,6} = 21/6 = 3.5 -> 4; (2,2) {5,6,8,9} = 28/4 = 7
    assertThat(out).containsExactly(3, 4, 4, 5, 5, 6, 6, 7, 7);
  }

  @Test
  void maxPoolWithActivationClamp() {
    byte[] in = {-5, 9, 3, -100, 1, 2, 8, 7};
    byte[] out = new byte[2];
    // 1x2x4x1, 2x2 windows stride 2 -> max of {-5,9,1,2} and {3,-100,8,7}
    MaxPool2DInt8.run(
        new PoolParams(2, 2, 2, 2, 0, 0, -128, 8),
        new Shape4(1, 2, 4, 1),
        in,
        new Shape4(1, 1, 2, 1),
        out);
    assertThat(out).containsExactly(8, 8); // 9 clamped to 8
  }

  @Test
  void windowEntirelyInPaddingIsRejected() {
    assertThatThrownBy(
            () ->
                MaxPool2DInt8.run(
                    new PoolParams(1, 1, 1, 1, 1, 1, -128, 127),
                    IN_2X2,
                    new byte[4],
                    new Shape4(1, 3, 3, 1),
                    new byte[9]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Pooling keeps scale and zero point, so expected = ideal quantisation of the real result. */
  @Test
  void matchesFloatPoolingWithinOneLsb() {
    Random rnd = new Random(47);
    for (int iter = 0; iter < 300; iter++) {
      int fh = 1 + rnd.nextInt(3);
      int fw = 1 + rnd.nextInt(3);
      int stride = 1 + rnd.nextInt(2);
      int h = fh + rnd.nextInt(5);
      int w = fw + rnd.nextInt(5);
      int c = 1 + rnd.nextInt(3);
      int batch = 1 + rnd.nextInt(2);
      Padding kind = rnd.nextBoolean() ? Padding.SAME : Padding.VALID;
      PrepareFormulas.PaddingDim dy = PrepareFormulas.padding(kind, h, fh, stride, 1);
      PrepareFormulas.PaddingDim dx = PrepareFormulas.padding(kind, w, fw, stride, 1);
      Shape4 inS = new Shape4(batch, h, w, c);
      Shape4 outS = new Shape4(batch, dy.outputSize(), dx.outputSize(), c);
      double scale = QuantTestSupport.uniform(rnd, 0.01, 0.2);
      int zp = rnd.nextInt(256) - 128;
      byte[] in = QuantTestSupport.randomInt8(rnd, inS.flatSize());
      PoolParams p = new PoolParams(stride, stride, fh, fw, dy.pad(), dx.pad(), -128, 127);
      byte[] avgOut = new byte[outS.flatSize()];
      byte[] maxOut = new byte[outS.flatSize()];
      AveragePool2DInt8.run(p, inS, in, outS, avgOut);
      MaxPool2DInt8.run(p, inS, in, outS, maxOut);
      int[] expAvg = new int[avgOut.length];
      int[] expMax = new int[maxOut.length];
      for (int b = 0; b < batch; b++) {
        for (int oy = 0; oy < outS.height(); oy++) {
          for (int ox = 0; ox < outS.width(); ox++) {
            for (int ch = 0; ch < c; ch++) {
              double sum = 0;
              double max = Double.NEGATIVE_INFINITY;
              int n = 0;
              for (int ky = 0; ky < fh; ky++) {
                for (int kx = 0; kx < fw; kx++) {
                  int iy = oy * stride - dy.pad() + ky;
                  int ix = ox * stride - dx.pad() + kx;
                  if (iy >= 0 && ix >= 0 && iy < h && ix < w) {
                    double real = scale * (in[inS.index(b, iy, ix, ch)] - zp);
                    sum += real;
                    max = Math.max(max, real);
                    n++;
                  }
                }
              }
              int o = outS.index(b, oy, ox, ch);
              expAvg[o] = QuantTestSupport.quantizeIdeal(sum / n, scale, zp, -128, 127);
              expMax[o] = QuantTestSupport.quantizeIdeal(max, scale, zp, -128, 127);
            }
          }
        }
      }
      QuantTestSupport.assertWithin(avgOut, expAvg, 1, "avg iter " + iter);
      QuantTestSupport.assertWithin(maxOut, expMax, 0, "max iter " + iter);
    }
  }
}
