package org.tinysim.engine.floatnet;

import org.tinysim.engine.ir.Padding;

/**
 * Output extent and leading pad of a sliding window along one axis, by TFLite's rules: the odd
 * extra pad of SAME goes to the bottom/right.
 */
record SpatialWindow(int outSize, int padBefore) {

  static SpatialWindow of(
      String layer, String axis, Padding padding, int in, int kernel, int stride) {
    int out = padding.outputSize(in, kernel, stride, 1);
    if (out <= 0) {
      throw new IllegalArgumentException(
          "layer '"
              + layer
              + "': "
              + padding
              + " window "
              + kernel
              + " with stride "
              + stride
              + " leaves no output along "
              + axis
              + " of size "
              + in);
    }
    int totalPad = (out - 1) * stride + kernel - in;
    return new SpatialWindow(out, Math.max(0, totalPad / 2));
  }
}
