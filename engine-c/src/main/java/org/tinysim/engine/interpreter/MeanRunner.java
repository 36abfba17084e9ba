package org.tinysim.engine.interpreter;

import java.util.Arrays;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;
import org.tinysim.engine.reference.MeanInt8;
import org.tinysim.engine.reference.MeanParams;
import org.tinysim.engine.reference.Shape4;

/**
 * MEAN over a contiguous run of axes, viewing the input as [outer, reduced, inner]. Two paths,
 * chosen as TFLite Micro's reduce kernel chooses them:
 * <ul>
 *   <li>input and output share scale and zero point, and it is not the 4-D keep_dims H,W case:
 *       the raw int8 values are summed and divided with C's truncating division
 *       (reference_ops::Mean). mcunet's two MEANs take this path;</li>
 *   <li>otherwise the integer requantising path of reference_integer_ops::Mean (the reference
 *       kernel, rounding half away from zero), which TFLite uses for H,W keep_dims.</li>
 * </ul>
 */
final class MeanRunner {

  private MeanRunner() {}

  static TensorData run(Op.Mean op, PreparedOp prepared, Values v) {
    OpParams.Mean p = prepared.params(OpParams.Mean.class);
    int[] dims = op.input().shape().dims();
    int[] axes = p.axes();
    for (int i = 1; i < axes.length; i++) {
      if (axes[i] != axes[i - 1] + 1) {
        throw new IllegalArgumentException("MEAN over non-contiguous axes "
            + Arrays.toString(axes) + " is not supported");
      }
    }
    int outer = product(dims, 0, axes[0]);
    int reduced = product(dims, axes[0], axes[axes.length - 1] + 1);
    int inner = product(dims, axes[axes.length - 1] + 1, dims.length);
    byte[] in = v.int8(op.input());
    byte[] out = Shapes.int8Output(op.output());
    if (out.length != outer * inner) {
      throw new IllegalArgumentException("MEAN output " + op.output().shape()
          + " does not match input " + op.input().shape() + " reduced over "
          + Arrays.toString(axes));
    }
    boolean hwKeepDims = p.keepDims() && dims.length == 4 && Arrays.equals(axes, new int[] {1, 2});
    boolean sameQuantization = p.inputScale() == p.outputScale()
        && p.inputZeroPoint() == p.outputZeroPoint();
    if (sameQuantization && !hwKeepDims) {
      truncatingMean(in, outer, reduced, inner, out);
    } else {
      MeanParams k = new MeanParams(p.inputZeroPoint(), p.outputZeroPoint(), p.multiplier(),
          p.shift());
      // The kernel averages over H and W: put the reduced run in H and the inner part in C.
      MeanInt8.run(k, new Shape4(outer, reduced, 1, inner), in, out);
    }
    return TensorData.int8(out);
  }

  /** Sum of raw values divided by the count, truncating toward zero as C's int division. */
  static void truncatingMean(byte[] in, int outer, int reduced, int inner, byte[] out) {
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int sum = 0;
        for (int r = 0; r < reduced; r++) {
          sum += in[(o * reduced + r) * inner + i];
        }
        out[o * inner + i] = (byte) (sum / reduced);
      }
    }
  }

  private static int product(int[] dims, int from, int to) {
    int p = 1;
    for (int i = from; i < to; i++) {
      p *= dims[i];
    }
    return p;
  }
}
