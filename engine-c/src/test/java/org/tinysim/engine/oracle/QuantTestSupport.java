package org.tinysim.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

/**
 * Independent float-side helpers for the property tests. Nothing here calls the code under test:
 * expected int8 values come from real-valued arithmetic in double plus plain rounding.
 */
final class QuantTestSupport {

  private QuantTestSupport() {}

  static byte[] randomInt8(Random rnd, int n) {
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) (rnd.nextInt(256) - 128);
    }
    return out;
  }

  /** Symmetric weights in [-127, 127], as TFLite's int8 per-channel scheme produces. */
  static byte[] randomWeights(Random rnd, int n) {
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) (rnd.nextInt(255) - 127);
    }
    return out;
  }

  static double uniform(Random rnd, double lo, double hi) {
    return lo + (hi - lo) * rnd.nextDouble();
  }

  /** Round half away from zero, written independently of the production helper. */
  static long roundAway(double v) {
    return v >= 0 ? (long) Math.floor(v + 0.5) : -(long) Math.floor(-v + 0.5);
  }

  /** Ideal quantisation of a real value, clamped to [min, max]. */
  static int quantizeIdeal(double real, double scale, int zeroPoint, int min, int max) {
    long q = roundAway(real / scale) + zeroPoint;
    return (int) Math.max(min, Math.min(max, q));
  }

  /** Output quantisation that covers [lo, hi] (widened to include 0) with the int8 range. */
  static double[] outputQuantFor(double lo, double hi) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
    double scale = Math.max((hi - lo) / 255.0, 1e-6);
    int zp = (int) Math.max(-128, Math.min(127, roundAway(-128 - lo / scale)));
    return new double[] {scale, zp};
  }

  static void assertWithin(byte[] actual, int[] expected, int tolerance, String context) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.length; i++) {
      assertThat(Math.abs(actual[i] - expected[i]))
          .as("%s: element %d actual %d expected %d", context, i, actual[i], expected[i])
          .isLessThanOrEqualTo(tolerance);
    }
  }

  static int[] toInts(byte[] b) {
    int[] out = new int[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = b[i];
    }
    return out;
  }

  static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double x : v) {
      m = Math.min(m, x);
    }
    return m;
  }

  static double max(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      m = Math.max(m, x);
    }
    return m;
  }
}
