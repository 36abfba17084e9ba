package org.tinysim.engine.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.oracle.QuantizeFloatToInt8;

/**
 * The generated float -> int8 QUANTIZE loop (quantize_scaled.c.tpl), replayed in Java float32
 * arithmetic (IEEE single, round to nearest, as the M7 FPU), equals the oracle's division on every
 * value the shared models' test data produces, on every float near a rounding tie and on the
 * special values; the loop's own fallback is the division, so only its fast path is at stake.
 */
class ScaledQuantizeTest {

  /** mcunet_vww_80x80's input QUANTIZE and lenet's, as their .tflite files give them. */
  private static final float[][] MODEL_SCALES = {{0.007839307f, 0}, {0.0039196536f, -128}};

  /** The C loop, line by line. */
  static byte scaled(float x, float scale, int zeroPoint) {
    float k = QuantizeEmitter.scaled(scale);
    int limitBits = Float.floatToRawIntBits(QuantizeEmitter.fastLimit(k));
    int bits = Float.floatToRawIntBits(x);
    int absBits = bits & 0x7FFFFFFF;
    int sign = bits >> 31;
    int q;
    if (Integer.compareUnsigned(absBits, limitBits) <= 0) {
      int a = (int) (Float.intBitsToFloat(absBits) * k);
      if (Integer.compareUnsigned(((a + 1) & 0x1FFF) - 0x1000, 2) < 0) {
        q = divided(x, scale);
      } else {
        q = ((((a >> 12) + 1) >> 1) ^ sign) - sign;
      }
    } else if (Integer.compareUnsigned(absBits, 0x7F800000) <= 0) {
      q = sign != 0 ? -256 : 256;
    } else {
      q = 0;
    }
    q += zeroPoint;
    return (byte) Math.max(-128, Math.min(127, q));
  }

  /** The loop's fallback (tsn_quantize_f32_s8's rounding). */
  private static int divided(float x, float scale) {
    if (x != x) {
      return 0;
    }
    float y = x / scale;
    y = y > 1048576.0f ? 1048576.0f : (y < -1048576.0f ? -1048576.0f : y);
    int t = (int) y;
    float frac = y - (float) t;
    if (frac >= 0.5f) {
      t++;
    } else if (frac <= -0.5f) {
      t--;
    }
    return t;
  }

  private static void check(float x, float scale, int zeroPoint) {
    // x / scale <= -2^63: the oracle's (long) cast saturates and adding a negative zero point
    // wraps to +127 where every C path (tsn_quantize_f32_s8 too) saturates to -128; the
    // division is the reference there.
    byte expected =
        x / scale <= -0x1p63f
            ? (byte) Math.max(-128, Math.min(127, divided(x, scale) + zeroPoint))
            : QuantizeFloatToInt8.quantize(x, scale, zeroPoint);
    assertThat(scaled(x, scale, zeroPoint))
        .as("x=%s (bits %08x) scale=%s zp=%d", x, Float.floatToRawIntBits(x), scale, zeroPoint)
        .isEqualTo(expected);
  }

  @Test
  void everyPixelValueOfTheModelsTestDataQuantisesAsTheDivision() {
    for (int p = 0; p < 256; p++) {
      // SharedModelsOnBoardTest's mcunet image and lenet digits
      check(p / 255f * 2 - 1, MODEL_SCALES[0][0], (int) MODEL_SCALES[0][1]);
      check(p / 255f, MODEL_SCALES[1][0], (int) MODEL_SCALES[1][1]);
    }
  }

  @Test
  void floatsAroundEveryRoundingTieQuantiseAsTheDivision() {
    List<Float> scales =
        new ArrayList<>(
            List.of(
                MODEL_SCALES[0][0],
                MODEL_SCALES[1][0],
                1f,
                0.5f,
                1f / 3,
                0.1f,
                0.0123f,
                7.7f,
                1e-3f,
                255f / 256));
    Random rnd = new Random(12);
    for (int i = 0; i < 6; i++) {
      scales.add((float) Math.exp(rnd.nextDouble() * 8 - 7));
    }
    for (float scale : scales) {
      for (int zp : new int[] {-128, -1, 0, 37, 127}) {
        for (int half = -600; half <= 600; half++) {
          // half / 2 * scale: every tie (odd half) and every integer in and beyond int8
          float centre = half * 0.5f * scale;
          int bits = Float.floatToRawIntBits(centre);
          for (int d = -40; d <= 40; d++) {
            check(Float.intBitsToFloat(bits + d), scale, zp);
          }
        }
      }
    }
  }

  @Test
  void specialAndRandomValuesQuantiseAsTheDivision() {
    float[] special = {
      0f,
      -0f,
      Float.NaN,
      Float.POSITIVE_INFINITY,
      Float.NEGATIVE_INFINITY,
      Float.MAX_VALUE,
      -Float.MAX_VALUE,
      Float.MIN_VALUE,
      -Float.MIN_VALUE,
      Float.MIN_NORMAL,
      1e20f,
      -1e20f,
      3e9f,
      -3e9f
    };
    Random rnd = new Random(5);
    for (float[] model : MODEL_SCALES) {
      for (float x : special) {
        check(x, model[0], (int) model[1]);
      }
      for (int i = 0; i < 2_000_000; i++) {
        check((rnd.nextFloat() * 2 - 1) * 300 * model[0], model[0], (int) model[1]);
        check(Float.intBitsToFloat(rnd.nextInt()), model[0], (int) model[1]);
      }
    }
  }

  @Test
  void theFastPathTakesAlmostEveryValue() {
    float scale = MODEL_SCALES[0][0];
    float k = QuantizeEmitter.scaled(scale);
    int slow = 0;
    for (int p = 0; p < 256; p++) {
      float x = p / 255f * 2 - 1;
      int a = (int) (Math.abs(x) * k);
      slow += Integer.compareUnsigned(((a + 1) & 0x1FFF) - 0x1000, 2) < 0 ? 1 : 0;
    }
    assertThat(slow).as("pixel values taking the division").isLessThanOrEqualTo(2);
  }

  @Test
  void scalesWithoutAnExactReciprocalMultipleAreRefused() {
    assertThat(QuantizeEmitter.scaled(0.0078125f)).isEqualTo(8192f * 128);
    assertThat(QuantizeEmitter.scaled(1e-38f)).isNull();
    assertThat(QuantizeEmitter.scaled(Float.MAX_VALUE)).isNull();
  }
}
