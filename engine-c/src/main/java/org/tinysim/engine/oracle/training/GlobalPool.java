package org.tinysim.engine.oracle.training;

import java.util.Arrays;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Shape4;
import org.tinysim.engine.training.TrainableOp;

/** Global average pooling (AVERAGE_POOL_2D over the whole map, or MEAN over H and W). */
final class GlobalPool {

  private GlobalPool() {}

  /** Pixels averaged into each output value; fails for a pooling that is not global. */
  static int pixels(Op op) {
    Shape4 in = TrainableOp.nhwc(op.inputs().get(0));
    boolean global;
    if (op instanceof Op.AveragePool2D p) {
      Shape4 out = TrainableOp.nhwc(p.output());
      global = out.height() == 1 && out.width() == 1;
    } else if (op instanceof Op.Mean m) {
      global = Arrays.equals(m.axes(), new int[] {1, 2});
    } else {
      global = false;
    }
    if (!global) {
      throw new IllegalArgumentException(
          "layer "
              + op.index()
              + " ("
              + op.opName()
              + "): backward is implemented for global average pooling only");
    }
    return in.height() * in.width();
  }
}
