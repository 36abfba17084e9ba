package org.tinysim.engine.oracle.interpreter;

import org.tinysim.engine.ir.Op;
import org.tinysim.engine.oracle.Conv2DInt8;
import org.tinysim.engine.oracle.ConvParams;
import org.tinysim.engine.oracle.DepthwiseConv2DInt8;
import org.tinysim.engine.oracle.DepthwiseConvParams;
import org.tinysim.engine.oracle.OpPreparation;

/**
 * CONV_2D and DEPTHWISE_CONV_2D. The kernels take only the top/left padding: the bottom/right extra
 * pad is implied by the output extent.
 */
final class ConvRunners {

  private ConvRunners() {}

  static OpRunner.Step conv(Op.Conv2D op) {
    ConvParams k = OpPreparation.conv(op);
    return v -> {
      byte[] out = Shapes.int8Output(op.output());
      Conv2DInt8.run(
          k,
          Shapes.nhwc(op.input()),
          v.int8(op.input()),
          Shapes.nhwc(op.filter()),
          v.int8(op.filter()),
          v.bias(op.bias()),
          Shapes.nhwc(op.output()),
          out);
      return TensorData.int8(out);
    };
  }

  static OpRunner.Step depthwise(Op.DepthwiseConv2D op) {
    DepthwiseConvParams k = OpPreparation.depthwise(op);
    return v -> {
      byte[] out = Shapes.int8Output(op.output());
      DepthwiseConv2DInt8.run(
          k,
          Shapes.nhwc(op.input()),
          v.int8(op.input()),
          Shapes.nhwc(op.filter()),
          v.int8(op.filter()),
          v.bias(op.bias()),
          Shapes.nhwc(op.output()),
          out);
      return TensorData.int8(out);
    };
  }
}
