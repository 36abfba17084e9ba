package org.tinysim.engine.oracle;

import org.tinysim.engine.ir.Shape4;

/** int8 MAX_POOL_2D (TFLite {@code reference_integer_ops::MaxPool}) over the in-image window. */
public final class MaxPool2DInt8 {

  private MaxPool2DInt8() {}

  public static void run(
      PoolParams p, Shape4 inShape, byte[] input, Shape4 outShape, byte[] output) {
    Pooling.forEachWindow(p, inShape, input, outShape, output, MaxPool2DInt8::max);
  }

  private static int max(byte[] input, Shape4 s, int b, int c, int y0, int y1, int x0, int x1) {
    int max = Byte.MIN_VALUE;
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        max = Math.max(max, input[s.index(b, y, x, c)]);
      }
    }
    return max;
  }
}
