package org.tinysim.engine.oracle.interpreter;

import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;
import org.tinysim.engine.oracle.Conv2DInt8;
import org.tinysim.engine.oracle.ConvParams;
import org.tinysim.engine.oracle.DepthwiseConv2DInt8;
import org.tinysim.engine.oracle.DepthwiseConvParams;

/**
 * CONV_2D and DEPTHWISE_CONV_2D. The kernels take only the top/left padding: the bottom/right
 * extra pad is implied by the output extent, so padHOffset/padWOffset need no mapping.
 */
final class ConvRunners {

  private ConvRunners() {}

  static TensorData conv(Op.Conv2D op, PreparedOp prepared, Values v) {
    OpParams.Conv p = prepared.params(OpParams.Conv.class);
    ConvParams k = new ConvParams(p.inputOffset(), p.outputOffset(), p.outputMultiplier(),
        p.outputShift(), p.strideH(), p.strideW(), p.dilationH(), p.dilationW(), p.padH(),
        p.padW(), p.actMin(), p.actMax());
    byte[] out = Shapes.int8Output(op.output());
    Conv2DInt8.run(k, Shapes.nhwc(op.input()), v.int8(op.input()), Shapes.nhwc(op.filter()),
        v.int8(op.filter()), v.bias(op.bias()), Shapes.nhwc(op.output()), out);
    return TensorData.int8(out);
  }

  static TensorData depthwise(Op.DepthwiseConv2D op, PreparedOp prepared, Values v) {
    OpParams.DepthwiseConv p = prepared.params(OpParams.DepthwiseConv.class);
    DepthwiseConvParams k = new DepthwiseConvParams(p.inputOffset(), p.outputOffset(),
        p.outputMultiplier(), p.outputShift(), p.strideH(), p.strideW(), p.dilationH(),
        p.dilationW(), p.padH(), p.padW(), p.depthMultiplier(), p.actMin(), p.actMax());
    byte[] out = Shapes.int8Output(op.output());
    DepthwiseConv2DInt8.run(k, Shapes.nhwc(op.input()), v.int8(op.input()),
        Shapes.nhwc(op.filter()), v.int8(op.filter()), v.bias(op.bias()),
        Shapes.nhwc(op.output()), out);
    return TensorData.int8(out);
  }
}
