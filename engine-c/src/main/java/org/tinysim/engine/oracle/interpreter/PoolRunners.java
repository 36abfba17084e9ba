package org.tinysim.engine.oracle.interpreter;

import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;
import org.tinysim.engine.oracle.AveragePool2DInt8;
import org.tinysim.engine.oracle.MaxPool2DInt8;
import org.tinysim.engine.oracle.PoolParams;
import org.tinysim.engine.ir.Shape4;

/** AVERAGE_POOL_2D and MAX_POOL_2D: same params, different window reduction. */
final class PoolRunners {

  /** The signature both reference pooling kernels share. */
  @FunctionalInterface
  interface PoolKernel {
    void run(PoolParams p, Shape4 inShape, byte[] input, Shape4 outShape, byte[] output);
  }

  static final PoolKernel AVERAGE = AveragePool2DInt8::run;
  static final PoolKernel MAX = MaxPool2DInt8::run;

  private PoolRunners() {}

  static TensorData run(PoolKernel kernel, Tensor input, Tensor output, PreparedOp prepared,
      Values v) {
    OpParams.Pool p = prepared.params(OpParams.Pool.class);
    PoolParams k = new PoolParams(p.strideH(), p.strideW(), p.filterH(), p.filterW(), p.padH(),
        p.padW(), p.actMin(), p.actMax());
    byte[] out = Shapes.int8Output(output);
    kernel.run(k, Shapes.nhwc(input), v.int8(input), Shapes.nhwc(output), out);
    return TensorData.int8(out);
  }
}
