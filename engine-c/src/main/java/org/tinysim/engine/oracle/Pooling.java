package org.tinysim.engine.oracle;

import org.tinysim.engine.ir.Shape4;

/** Window iteration shared by the pooling kernels: the valid (in-image) part of each window. */
final class Pooling {

  private Pooling() {}

  /** Receives the values of one window and returns the output value. */
  interface WindowReducer {
    int reduce(
        byte[] input, Shape4 inShape, int b, int c, int yStart, int yEnd, int xStart, int xEnd);
  }

  static void forEachWindow(
      PoolParams p,
      Shape4 inShape,
      byte[] input,
      Shape4 outShape,
      byte[] output,
      WindowReducer reducer) {
    inShape.requireLength("input", input);
    outShape.requireLength("output", output);
    if (inShape.batch() != outShape.batch() || inShape.channels() != outShape.channels()) {
      throw new IllegalArgumentException("pooling keeps batch and depth");
    }
    for (int b = 0; b < outShape.batch(); b++) {
      for (int oy = 0; oy < outShape.height(); oy++) {
        int inYOrigin = oy * p.strideH() - p.padH();
        int yStart = Math.max(0, inYOrigin);
        int yEnd = Math.min(inShape.height(), inYOrigin + p.filterH());
        for (int ox = 0; ox < outShape.width(); ox++) {
          int inXOrigin = ox * p.strideW() - p.padW();
          int xStart = Math.max(0, inXOrigin);
          int xEnd = Math.min(inShape.width(), inXOrigin + p.filterW());
          if (yStart >= yEnd || xStart >= xEnd) {
            // TFLite reports an error for a window lying entirely in the padding.
            throw new IllegalArgumentException(
                "pooling window outside the input at " + oy + "," + ox);
          }
          for (int c = 0; c < outShape.channels(); c++) {
            int v = reducer.reduce(input, inShape, b, c, yStart, yEnd, xStart, xEnd);
            output[outShape.index(b, oy, ox, c)] =
                (byte) FixedPointMath.clamp(v, p.activationMin(), p.activationMax());
          }
        }
      }
    }
  }
}
