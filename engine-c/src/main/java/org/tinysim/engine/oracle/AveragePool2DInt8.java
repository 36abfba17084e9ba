package org.tinysim.engine.oracle;

import org.tinysim.engine.ir.Shape4;

/**
 * int8 AVERAGE_POOL_2D (TFLite {@code reference_integer_ops::AveragePool}): the mean of the
 * in-image part of each window, padding excluded from the count, rounded half away from zero with
 * integer division: {@code (sum ± count/2) / count}.
 */
public final class AveragePool2DInt8 {

  private AveragePool2DInt8() {}

  public static void run(
      PoolParams p, Shape4 inShape, byte[] input, Shape4 outShape, byte[] output) {
    Pooling.forEachWindow(p, inShape, input, outShape, output, AveragePool2DInt8::average);
  }

  private static int average(byte[] input, Shape4 s, int b, int c, int y0, int y1, int x0, int x1) {
    int sum = 0;
    int count = 0;
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        sum += input[s.index(b, y, x, c)];
        count++;
      }
    }
    return roundedDivide(sum, count);
  }

  /** Integer division rounding half away from zero (Java division truncates, like C). */
  static int roundedDivide(int sum, int count) {
    return sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
  }
}
