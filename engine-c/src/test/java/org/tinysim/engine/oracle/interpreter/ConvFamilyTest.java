package org.tinysim.engine.oracle.interpreter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tinysim.engine.ir.QuantizedMultiplier;
import org.tinysim.engine.ir.Shape4;
import org.tinysim.engine.oracle.Conv2DInt8;
import org.tinysim.engine.oracle.ConvParams;
import org.tinysim.engine.oracle.DepthwiseConv2DInt8;
import org.tinysim.engine.oracle.DepthwiseConvParams;
import org.tinysim.engine.oracle.PrepareFormulas;
import org.tinysim.engine.tflite.TestModels;

/**
 * Convolutions and FULLY_CONNECTED: the interpreter must equal the reference kernel called with
 * parameters derived here by hand from the test model's quantisation, or (for FC) a hand
 * computation.
 */
class ConvFamilyTest {

  /** The weight ramp TfliteTestBuilder.int8Weights writes: (i % 7) - 3. */
  static byte[] ramp(int n) {
    byte[] w = new byte[n];
    for (int i = 0; i < n; i++) {
      w[i] = (byte) ((i % 7) - 3);
    }
    return w;
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @ParameterizedTest(name = "padding {0} stride {1} act {2} dilation {3}")
  @CsvSource({
    // SAME 3x3 stride 1: one row/column of padding; RELU on zp -1 clamps at -1.
    "0, 1, 1, 1, 8, 1, -1, 127",
    // VALID, stride 2, dilation 2 (effective 5x5): (8 - 5) / 2 + 1 = 2; RELU6 -> [-1, 5].
    "1, 2, 3, 2, 2, 0, -1, 5"
  })
  void convEqualsKernelWithHandMadeParams(
      int padding, int stride, int act, int dilation, int outHw, int pad, int actMin, int actMax) {
    ReferenceInterpreter interp =
        TinyModels.interpreter(TestModels.conv(padding, stride, act, dilation));
    byte[] input = random(8 * 8 * 3, 1);

    byte[] actual = interp.run(TensorData.int8(input)).get(0).int8();

    // Effective scale 0.5 * filterScale / 1.0: powers of two, so multiplier 2^30 and the
    // exponent of 2 * effective scale.
    int[] shifts = {-2, -3, -4, -1};
    int[] multipliers = {1 << 30, 1 << 30, 1 << 30, 1 << 30};
    ConvParams p =
        new ConvParams(
            128,
            -1,
            multipliers,
            shifts,
            stride,
            stride,
            dilation,
            dilation,
            pad,
            pad,
            actMin,
            actMax);
    byte[] expected = new byte[outHw * outHw * 4];
    Conv2DInt8.run(
        p,
        new Shape4(1, 8, 8, 3),
        input,
        new Shape4(4, 3, 3, 3),
        ramp(108),
        new int[4],
        new Shape4(1, outHw, outHw, 4),
        expected);
    assertThat(actual).isEqualTo(expected);
    assertThat(actual).contains((byte) actMin).contains((byte) actMax); // clamps exercised
  }

  @Test
  void depthwiseEqualsKernelWithHandMadeParams() {
    ReferenceInterpreter interp = TinyModels.interpreter(TestModels.depthwise());
    byte[] input = random(8 * 8 * 4, 2);

    byte[] actual = interp.run(TensorData.int8(input)).get(0).int8();

    float[] filterScales = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f};
    int[] multipliers = new int[8];
    int[] shifts = new int[8];
    for (int c = 0; c < 8; c++) {
      QuantizedMultiplier q =
          PrepareFormulas.quantizeMultiplier(0.5 * filterScales[c] / (double) 0.1f);
      multipliers[c] = q.multiplier();
      shifts[c] = q.shift();
    }
    // SAME, stride 2, 3x3 on 8: 4 outputs need (4-1)*2+3 = 9 rows, one padded at the bottom,
    // so none at the top. RELU6 with s=0.1 zp=-128 clamps to [-128, -128 + 60].
    DepthwiseConvParams p =
        new DepthwiseConvParams(0, -128, multipliers, shifts, 2, 2, 1, 1, 0, 0, 2, -128, -68);
    byte[] expected = new byte[4 * 4 * 8];
    DepthwiseConv2DInt8.run(
        p,
        new Shape4(1, 8, 8, 4),
        input,
        new Shape4(1, 3, 3, 8),
        ramp(72),
        new int[8],
        new Shape4(1, 4, 4, 8),
        expected);
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void fullyConnectedEqualsHandComputation() {
    ReferenceInterpreter interp = TinyModels.interpreter(TestModels.fullyConnected());
    byte[] input = new byte[16];
    for (int d = 0; d < 16; d++) {
      input[d] = (byte) (-118 + (d * 37) % 211);
    }

    byte[] actual = interp.run(TensorData.int8(input)).get(0).int8();

    byte[] w = ramp(160);
    for (int o = 0; o < 10; o++) {
      int acc = 0;
      for (int d = 0; d < 16; d++) {
        acc += w[o * 16 + d] * (input[d] + 128);
      }
      double real = acc * (0.1 * 0.02 / 0.3);
      assertThat(Math.abs(real - Math.floor(real) - 0.5)).as("no rounding tie").isGreaterThan(1e-3);
      // RELU with output zp 5: real 0 is q = 5.
      long expected = Math.max(5, Math.min(127, Math.round(real) + 5));
      assertThat(actual[o]).as("neuron %d (acc %d)", o, acc).isEqualTo((byte) expected);
    }
    assertThat(actual).contains((byte) 5);
    assertThat(max(actual)).isGreaterThan((byte) 5);
  }

  @Test
  void fullyConnectedIsWithinHalfAStepOfRealArithmetic() {
    // On random inputs: the dequantised result is within half an output step of the exact
    // real-valued product, after the RELU and the int8 clamp.
    ReferenceInterpreter interp = TinyModels.interpreter(TestModels.fullyConnected());
    byte[] input = random(16, 3);
    byte[] out = interp.run(TensorData.int8(input)).get(0).int8();
    byte[] w = ramp(160);
    for (int o = 0; o < 10; o++) {
      double real = 0;
      for (int d = 0; d < 16; d++) {
        real += 0.02 * w[o * 16 + d] * 0.1 * (input[d] + 128);
      }
      double clamped = Math.max(0, Math.min(0.3 * (127 - 5), real));
      assertThat(0.3 * (out[o] - 5)).isCloseTo(clamped, within(0.15 + 1e-6));
    }
  }

  private static byte max(byte[] v) {
    byte m = Byte.MIN_VALUE;
    for (byte b : v) {
      m = (byte) Math.max(m, b);
    }
    return m;
  }
}
