package org.tinysim.engine.oracle.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tinysim.engine.tflite.BuiltinOperators;
import org.tinysim.engine.tflite.TestModels;

/**
 * ADD, MUL, pools and MEAN against hand computation in real numbers. Inputs are chosen so no result
 * is a rounding tie, where TFLite's fixed-point rounding would need the kernel itself.
 */
class ElementwiseOpsTest {

  // TestModels.binary: x 1x4x4x2 (s=0.5, zp=-10) with y 1x1x1x2 (s=0.25, zp=3) -> s=1, zp=-128.

  @Test
  void addBroadcastsTheSmallOperand() {
    ReferenceInterpreter interp =
        TinyModels.interpreter(TestModels.binary(BuiltinOperators.ADD, TestModels.NONE));
    byte[] x = new byte[32];
    for (int i = 0; i < 32; i++) {
      x[i] = (byte) (-10 + 2 * ((i * 7) % 32)); // x + 10 even: 0.5 * (x + 10) is whole
    }
    byte[] y = {8, -4}; // 0.25 * (y - 3) = 1.25 and -1.75: every sum ends in .25 or .75

    byte[] out = interp.run(TensorData.int8(x), TensorData.int8(y)).get(0).int8();

    for (int i = 0; i < 32; i++) {
      double real = 0.5 * (x[i] + 10) + 0.25 * (y[i % 2] - 3);
      assertThat(out[i]).as("element %d", i).isEqualTo(clampInt8(Math.round(real) - 128));
    }
  }

  @Test
  void mulBroadcastsTheSmallOperand() {
    ReferenceInterpreter interp =
        TinyModels.interpreter(TestModels.binary(BuiltinOperators.MUL, TestModels.NONE));
    byte[] x = new byte[32];
    for (int i = 0; i < 32; i++) {
      x[i] = (byte) (-10 + 2 * (2 * ((i * 5) % 32) + 1)); // x + 10 = 2 * odd
    }
    byte[] y = {6, -2}; // y - 3 odd: products are 2 mod 4, so real = product / 8 is no tie

    byte[] out = interp.run(TensorData.int8(x), TensorData.int8(y)).get(0).int8();

    for (int i = 0; i < 32; i++) {
      double real = 0.5 * (x[i] + 10) * 0.25 * (y[i % 2] - 3);
      assertThat(out[i]).as("element %d", i).isEqualTo(clampInt8(Math.round(real) - 128));
    }
    // Negative products clamp at -128; the positive ones must not.
    assertThat(out).contains((byte) -128).contains((byte) -82);
  }

  @ParameterizedTest(name = "max={0}")
  @ValueSource(booleans = {true, false})
  void poolsReduceTheInImagePartOfEachWindow(boolean max) {
    ReferenceInterpreter interp =
        TinyModels.interpreter(
            TestModels.pool(max ? BuiltinOperators.MAX_POOL_2D : BuiltinOperators.AVERAGE_POOL_2D));
    byte[] in = new byte[5 * 5 * 2];
    for (int i = 0; i < 25; i++) {
      in[2 * i] = (byte) (i * 3);
      in[2 * i + 1] = (byte) (10 - i * 2);
    }

    byte[] out = interp.run(TensorData.int8(in)).get(0).int8();

    // 3x3 windows, stride 2, SAME: 3 outputs need 7 rows, so one padded row on each side.
    for (int oy = 0; oy < 3; oy++) {
      for (int ox = 0; ox < 3; ox++) {
        for (int c = 0; c < 2; c++) {
          double best = Double.NEGATIVE_INFINITY;
          double sum = 0;
          int count = 0;
          for (int y = 2 * oy - 1; y <= 2 * oy + 1; y++) {
            for (int x = 2 * ox - 1; x <= 2 * ox + 1; x++) {
              if (y >= 0 && y < 5 && x >= 0 && x < 5) {
                int v = in[(y * 5 + x) * 2 + c];
                best = Math.max(best, v);
                sum += v;
                count++;
              }
            }
          }
          double value = max ? best : roundHalfAway(sum / count);
          // RELU with zp 0 clamps at 0.
          assertThat(out[(oy * 3 + ox) * 2 + c])
              .as("(%d,%d,%d)", oy, ox, c)
              .isEqualTo(clampInt8(Math.max(0, (long) value)));
        }
      }
    }
  }

  @ParameterizedTest(name = "keepDims={0}")
  @ValueSource(booleans = {true, false})
  void meanOverHeightAndWidthRequantises(boolean keepDims) {
    // 1x4x4x3 s=0.5 zp=2 -> s=0.25 zp=-1: q = round(2 * mean(0.5 * (x - 2))) - 1.
    ReferenceInterpreter interp = TinyModels.interpreter(TestModels.mean(keepDims));
    byte[] in = new byte[48];
    for (int i = 0; i < 48; i++) {
      in[i] = (byte) ((i * 11) % 37 - 15);
    }

    byte[] out = interp.run(TensorData.int8(in)).get(0).int8();

    for (int c = 0; c < 3; c++) {
      double sum = 0;
      for (int p = 0; p < 16; p++) {
        sum += 0.5 * (in[p * 3 + c] - 2);
      }
      double real = sum / 16 / 0.25;
      assertThat(Math.abs(real - Math.floor(real) - 0.5)).as("no tie").isGreaterThan(1e-9);
      assertThat(out[c]).as("channel %d", c).isEqualTo(clampInt8(Math.round(real) - 1));
    }
  }

  @Test
  void meanOverOneInnerAxisRoundsHalfAwayFromZero() {
    // Scale and zero point unchanged: the mean of the raw values, rounded. 5/3 -> 2 and
    // -5/3 -> -2 (older TFLite Micro releases truncated these to 1 and -1); 3/3 -> 1 and
    // 4/3 -> 1 pin the rounding direction below .5.
    ReferenceInterpreter interp = TinyModels.interpreter(TinyModels.meanSameQuantization());
    byte[] out = interp.run(TensorData.int8(new byte[] {1, 2, 2, -1, -2, -2})).get(0).int8();
    assertThat(out).containsExactly(2, -2);
    out = interp.run(TensorData.int8(new byte[] {0, 1, 2, 1, 1, 2})).get(0).int8();
    assertThat(out).containsExactly(1, 1);
  }

  static byte clampInt8(long v) {
    return (byte) Math.max(-128, Math.min(127, v));
  }

  static double roundHalfAway(double v) {
    return Math.signum(v) * Math.floor(Math.abs(v) + 0.5);
  }
}
