package org.tinysim.engine.oracle;

/** Row-major helpers for the rank-generic kernels (pad, transpose, reshape). */
final class Shapes {

  private Shapes() {}

  static int flatSize(int[] shape) {
    int size = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension");
      }
      size = Math.multiplyExact(size, d);
    }
    return size;
  }

  static int[] strides(int[] shape) {
    int[] strides = new int[shape.length];
    int stride = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      strides[d] = stride;
      stride *= shape[d];
    }
    return strides;
  }

  /** Advances a row-major multi-index; wraps to all zeros after the last element. */
  static void increment(int[] index, int[] shape) {
    for (int d = shape.length - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) {
        return;
      }
      index[d] = 0;
    }
  }
}
