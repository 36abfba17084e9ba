package org.tinysim.engine.oracle.interpreter;

import java.util.Arrays;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Shape4;
import org.tinysim.engine.oracle.MeanInt8;
import org.tinysim.engine.oracle.MeanParams;
import org.tinysim.engine.oracle.OpPreparation;

/**
 * MEAN over a contiguous run of axes, viewing the input as [outer, reduced, inner] and running the
 * integer reference kernel (sum of input - zp, requantise by inputScale/outputScale, divide
 * rounding half away from zero, add the output zp) with the reduced run as H.
 *
 * <p>TFLite Micro's choice here has changed across releases: older ones truncate the raw sum (C
 * division) when scale and zero point are unchanged, as in mcunet's two MEANs (about half of its
 * 160 pooled features then differ by 1); current ones round, as this path does. One integer path
 * for every case keeps the contract with the generated C simple.
 */
final class MeanRunner {

  private MeanRunner() {}

  static OpRunner.Step run(Op.Mean op) {
    MeanParams k = OpPreparation.mean(op);
    return v -> run(op, k, v);
  }

  private static TensorData run(Op.Mean op, MeanParams k, Values v) {
    int[] dims = op.input().shape().dims();
    int[] axes = op.axes();
    for (int i = 1; i < axes.length; i++) {
      if (axes[i] != axes[i - 1] + 1) {
        throw new IllegalArgumentException(
            "MEAN over non-contiguous axes " + Arrays.toString(axes) + " is not supported");
      }
    }
    int outer = product(dims, 0, axes[0]);
    int reduced = product(dims, axes[0], axes[axes.length - 1] + 1);
    int inner = product(dims, axes[axes.length - 1] + 1, dims.length);
    byte[] in = v.int8(op.input());
    byte[] out = Shapes.int8Output(op.output());
    if (out.length != outer * inner) {
      throw new IllegalArgumentException(
          "MEAN output "
              + op.output().shape()
              + " does not match input "
              + op.input().shape()
              + " reduced over "
              + Arrays.toString(axes));
    }
    MeanInt8.run(k, new Shape4(outer, reduced, 1, inner), in, out);
    return TensorData.int8(out);
  }

  private static int product(int[] dims, int from, int to) {
    int p = 1;
    for (int i = from; i < to; i++) {
      p *= dims[i];
    }
    return p;
  }
}
