package org.tinysim.engine.oracle.interpreter;

import org.tinysim.engine.ir.Shape4;
import org.tinysim.engine.ir.Tensor;

/** Shape conversions between the IR and the reference kernels. */
final class Shapes {

  private Shapes() {}

  /** NHWC (or OHWI) view of a rank-4 tensor. */
  static Shape4 nhwc(Tensor t) {
    if (t.shape().rank() != 4) {
      throw new IllegalArgumentException(Values.describe(t) + " must have rank 4");
    }
    int[] d = t.shape().dims();
    return new Shape4(d[0], d[1], d[2], d[3]);
  }

  static int elements(Tensor t) {
    return (int) t.shape().elementCount();
  }

  static byte[] int8Output(Tensor t) {
    return new byte[elements(t)];
  }
}
