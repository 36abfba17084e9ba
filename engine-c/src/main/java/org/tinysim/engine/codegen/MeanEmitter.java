package org.tinysim.engine.codegen;

import java.util.Arrays;
import java.util.Map;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;
import org.tinysim.engine.tflite.UnsupportedOperatorException;

/**
 * MEAN through tsn_mean_s8, which averages the middle two dims of {n, h, w, c}. Axes {1, 2} of NHWC
 * map directly (TFLite's integer path). Any other run of consecutive axes is viewed as {outer, 1,
 * reduced, inner}; that is only accepted when input and output quantisation are equal, where the
 * requantisation is the identity and TFLite's other mean paths give the same rounded average.
 */
final class MeanEmitter extends TemplateEmitter {

  MeanEmitter() {
    super(Op.Mean.class, "mean.c.tpl");
  }

  @Override
  void fill(PreparedOp pop, EmitScope scope, Map<String, Object> v) {
    Op.Mean op = (Op.Mean) pop.op();
    OpParams.Mean p = pop.params(OpParams.Mean.class);
    v.put("inputOffset", -p.inputZeroPoint());
    v.put("outputOffset", p.outputZeroPoint());
    v.put("multiplier", p.multiplier());
    v.put("shift", p.shift());
    v.put("inputDims", CSyntax.dims(view(op)));
    v.put("input", scope.int8(op.input()));
    v.put("output", scope.int8(op.output()));
  }

  private static int[] view(Op.Mean op) {
    int[] dims = op.input().shape().dims();
    int[] axes = op.axes();
    if (dims.length == 4 && Arrays.equals(axes, new int[] {1, 2})) {
      return dims;
    }
    boolean consecutive = axes.length > 0;
    for (int i = 1; i < axes.length; i++) {
      consecutive &= axes[i] == axes[i - 1] + 1;
    }
    if (!consecutive || !sameQuantization(op.input(), op.output())) {
      throw new UnsupportedOperatorException(
          "operator "
              + op.index()
              + " (MEAN): axes "
              + Arrays.toString(axes)
              + " of "
              + op.input().shape()
              + "; tsn_mean_s8 supports axes"
              + " [1, 2] of NHWC, or consecutive axes when input and output quantisation match");
    }
    int outer = 1;
    int reduced = 1;
    int inner = 1;
    for (int d = 0; d < dims.length; d++) {
      if (d < axes[0]) {
        outer *= dims[d];
      } else if (d <= axes[axes.length - 1]) {
        reduced *= dims[d];
      } else {
        inner *= dims[d];
      }
    }
    return new int[] {outer, 1, reduced, inner};
  }

  private static boolean sameQuantization(Tensor in, Tensor out) {
    return in.quantization().scale() == out.quantization().scale()
        && in.quantization().zeroPoint() == out.quantization().zeroPoint();
  }
}
