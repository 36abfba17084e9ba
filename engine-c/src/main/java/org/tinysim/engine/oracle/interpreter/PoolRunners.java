package org.tinysim.engine.oracle.interpreter;

import org.tinysim.engine.ir.Shape4;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.oracle.AveragePool2DInt8;
import org.tinysim.engine.oracle.MaxPool2DInt8;
import org.tinysim.engine.oracle.PoolParams;

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

  /** {@code k} comes from the oracle's own Prepare step of the pool. */
  static OpRunner.Step step(PoolKernel kernel, Tensor input, Tensor output, PoolParams k) {
    return v -> {
      byte[] out = Shapes.int8Output(output);
      kernel.run(k, Shapes.nhwc(input), v.int8(input), Shapes.nhwc(output), out);
      return TensorData.int8(out);
    };
  }
}
