package org.tinysim.engine.oracle.interpreter;

import java.util.Arrays;

/**
 * Numpy broadcasting of one operand onto an output shape: for every output element (row-major) the
 * flat index of the operand element it reads. Shapes are right-aligned.
 */
final class Broadcast {

  private Broadcast() {}

  static int[] sourceIndices(int[] shape, int[] outShape) {
    if (shape.length > outShape.length) {
      throw new IllegalArgumentException(
          "operand "
              + Arrays.toString(shape)
              + " has a higher rank than the output "
              + Arrays.toString(outShape));
    }
    int rank = outShape.length;
    int[] strides = new int[rank];
    int stride = 1;
    for (int d = rank - 1, s = shape.length - 1; d >= 0; d--, s--) {
      int dim = s >= 0 ? shape[s] : 1;
      if (dim != outShape[d] && dim != 1) {
        throw new IllegalArgumentException(
            "shape "
                + Arrays.toString(shape)
                + " does not broadcast to "
                + Arrays.toString(outShape));
      }
      strides[d] = dim == 1 ? 0 : stride;
      stride *= dim;
    }
    int total = 1;
    for (int d : outShape) {
      total *= d;
    }
    int[] indices = new int[total];
    int[] counter = new int[rank];
    for (int out = 0; out < total; out++) {
      int source = 0;
      for (int d = 0; d < rank; d++) {
        source += counter[d] * strides[d];
      }
      indices[out] = source;
      for (int d = rank - 1; d >= 0 && ++counter[d] == outShape[d]; d--) {
        counter[d] = 0;
      }
    }
    return indices;
  }
}
