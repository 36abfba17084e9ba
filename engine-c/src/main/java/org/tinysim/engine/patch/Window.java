package org.tinysim.engine.patch;

import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;

/**
 * How one op of a patch stage maps output rows/columns to the input rows/columns it reads: output
 * row {@code o} reads input rows {@code o*stride - padTop + k*dilation}, k in [0, kernel).
 * Element-wise ops are the 1x1, stride-1, unpadded window; PAD is a 1x1 window shifted by its
 * leading pad.
 */
public record Window(
    int kernelH,
    int kernelW,
    int strideH,
    int strideW,
    int dilationH,
    int dilationW,
    int padTop,
    int padLeft) {

  private static final Window IDENTITY = new Window(1, 1, 1, 1, 1, 1, 0, 0);

  /** The window of a stage op; ops that cannot run patch by patch are refused with the reason. */
  public static Window of(PreparedOp pop) {
    Op op = pop.op();
    for (Tensor t : op.inputs()) {
      if (!t.isConstant()) {
        requireImage(op, t);
      }
    }
    requireImage(op, op.output());
    return switch (op.kind()) {
      case CONV_2D -> convolution(((Op.Conv2D) op).filter(), pop.params(OpParams.Conv.class));
      case DEPTHWISE_CONV_2D ->
          convolution(((Op.DepthwiseConv2D) op).filter(), pop.params(OpParams.DepthwiseConv.class));
      case AVERAGE_POOL_2D, MAX_POOL_2D -> pool(pop.params(OpParams.Pool.class));
      case ADD -> {
        Op.Add a = (Op.Add) op;
        if (pop.params(OpParams.Add.class).broadcast()
            || !a.input1().shape().equals(a.input2().shape())) {
          throw refuse(op, "broadcasting ADD");
        }
        yield IDENTITY;
      }
      case QUANTIZE -> IDENTITY;
      case PAD -> {
        Op.Pad p = (Op.Pad) op;
        int[] before = p.before();
        int[] after = p.after();
        if (before[0] != 0 || after[0] != 0 || before[3] != 0 || after[3] != 0) {
          throw refuse(op, "PAD of the batch or channel dimension");
        }
        yield new Window(1, 1, 1, 1, 1, 1, before[1], before[2]);
      }
      default -> throw refuse(op, "an op without a spatial patch rule");
    };
  }

  private static Window convolution(Tensor filter, OpParams.Convolution p) {
    return new Window(
        filter.shape().dim(1),
        filter.shape().dim(2),
        p.strideH(),
        p.strideW(),
        p.dilationH(),
        p.dilationW(),
        p.padH(),
        p.padW());
  }

  private static Window pool(OpParams.Pool p) {
    return new Window(p.filterH(), p.filterW(), p.strideH(), p.strideW(), 1, 1, p.padH(), p.padW());
  }

  private static void requireImage(Op op, Tensor t) {
    if (t.shape().rank() != 4 || t.shape().dim(0) != 1) {
      throw refuse(
          op,
          "tensor '"
              + t.name()
              + "' of shape "
              + t.shape()
              + " (patches need NHWC images with batch 1)");
    }
  }

  private static PatchNotApplicableException refuse(Op op, String what) {
    return new PatchNotApplicableException(
        "op " + op.index() + " (" + op.opName() + ") cannot run patch by patch: " + what);
  }

  /**
   * Input rows and columns that {@code out} reads, before clipping to the input: rows outside the
   * input are the op's own padding.
   */
  public Region reads(Region out) {
    return new Region(
        out.top() * strideH - padTop,
        (out.bottom() - 1) * strideH - padTop + (kernelH - 1) * dilationH + 1,
        out.left() * strideW - padLeft,
        (out.right() - 1) * strideW - padLeft + (kernelW - 1) * dilationW + 1);
  }
}
