package org.tinysim.engine.training;

import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Shape4;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;

/**
 * What the backward kernels need to know about one layer with parameters: its kind, shapes, window
 * and quantisation of input and weights. Shared by the Java reference and the training code
 * generator so both call the kernels alike. The fused activation's clamp is {@link
 * ActivationClamp}.
 *
 * @param kind POINTWISE (1x1 conv, and fully connected as the one-pixel case), CONV or DEPTHWISE
 * @param in input NHWC (fully connected: 1 x 1 x 1 x depth)
 * @param out output NHWC
 * @param kernelH filter height (1 for pointwise)
 * @param rowLen weights per output channel (kh*kw*cin; taps for depthwise)
 * @param wScale per-output-channel weight scale (per-tensor scales broadcast)
 * @param xScale input scale
 * @param inputOffset minus the input zero point
 */
public record TrainableOp(
    int index,
    Kind kind,
    Shape4 in,
    Shape4 out,
    int kernelH,
    int kernelW,
    int strideH,
    int strideW,
    int padH,
    int padW,
    int rowLen,
    float[] wScale,
    float xScale,
    int inputOffset,
    Tensor weights,
    Tensor bias) {

  /**
   * Kernel family of a layer's backward. CONV (k x k) has weight and bias gradients but no input
   * gradient, so it can only be the earliest layer backward reaches.
   */
  public enum Kind {
    POINTWISE,
    CONV,
    DEPTHWISE
  }

  /** The board has no k x k input-gradient kernel: such a layer must be the earliest trained. */
  public static final String NO_CONV_INPUT_GRADIENT =
      "no input gradient for k x k "
          + "convolutions (train it only as the earliest updated layer): layer ";

  /** Depthwise filters keep channels innermost, so fp32 masters of them are not supported. */
  public static final String FP32_DEPTHWISE =
      "fp32 parameters are not supported for depthwise "
          + "weights (use int8 parameters or bias only): layer ";

  /** Geometry of a conv / depthwise / fully connected op; fails for any other layer. */
  public static TrainableOp of(PreparedOp prepared) {
    if (prepared.params() instanceof OpParams.Convolution c) {
      return of(prepared.op(), c.padH(), c.padW());
    }
    return of(prepared.op(), 0, 0);
  }

  /**
   * The same geometry with the leading padding given by the caller (0 for fully connected), so the
   * oracle can derive the padding itself instead of taking the compiler's.
   */
  public static TrainableOp of(Op op, int padH, int padW) {
    if (op instanceof Op.FullyConnected fc) {
      if (fc.batches() != 1 || fc.weights().quantization().zeroPoint() != 0) {
        throw unsupported(op, "needs batch 1 and symmetric weights");
      }
      return new TrainableOp(
          op.index(),
          Kind.POINTWISE,
          new Shape4(1, 1, 1, fc.inputDepth()),
          new Shape4(1, 1, 1, fc.outputDepth()),
          1,
          1,
          1,
          1,
          0,
          0,
          fc.inputDepth(),
          scales(fc.weights(), fc.outputDepth()),
          fc.input().quantization().scale(),
          inputOffset(fc.input()),
          fc.weights(),
          fc.bias());
    }
    if (op instanceof Op.Conv2D conv) {
      Shape4 f = nhwc(conv.filter());
      if (conv.dilationH() != 1 || conv.dilationW() != 1) {
        throw unsupported(op, "backward needs a convolution without dilation");
      }
      boolean pointwise = f.height() == 1 && f.width() == 1 && padH == 0 && padW == 0;
      return new TrainableOp(
          op.index(),
          pointwise ? Kind.POINTWISE : Kind.CONV,
          nhwc(conv.input()),
          nhwc(conv.output()),
          f.height(),
          f.width(),
          conv.strideH(),
          conv.strideW(),
          padH,
          padW,
          f.height() * f.width() * f.channels(),
          scales(conv.filter(), f.batch()),
          conv.input().quantization().scale(),
          inputOffset(conv.input()),
          conv.filter(),
          conv.bias());
    }
    if (op instanceof Op.DepthwiseConv2D dw) {
      Shape4 f = nhwc(dw.filter());
      if (dw.depthMultiplier() != 1 || dw.dilationH() != 1 || dw.dilationW() != 1) {
        throw unsupported(op, "backward needs depth multiplier 1 and no dilation");
      }
      return new TrainableOp(
          op.index(),
          Kind.DEPTHWISE,
          nhwc(dw.input()),
          nhwc(dw.output()),
          f.height(),
          f.width(),
          dw.strideH(),
          dw.strideW(),
          padH,
          padW,
          f.height() * f.width(),
          scales(dw.filter(), f.channels()),
          dw.input().quantization().scale(),
          inputOffset(dw.input()),
          dw.filter(),
          dw.bias());
    }
    throw unsupported(op, "has no parameters to train");
  }

  private static int inputOffset(Tensor input) {
    return -input.quantization().zeroPoint();
  }

  public int outChannels() {
    return out.channels();
  }

  public int pixelsOut() {
    return out.height() * out.width();
  }

  private static float[] scales(Tensor weights, int channels) {
    float[] s = weights.quantization().scales();
    if (s.length == channels) {
      return s;
    }
    if (s.length == 1) {
      float[] all = new float[channels];
      java.util.Arrays.fill(all, s[0]);
      return all;
    }
    throw new IllegalArgumentException(
        "weights '"
            + weights.name()
            + "' have "
            + s.length
            + " scales for "
            + channels
            + " output channels");
  }

  /** NHWC view of a rank-4, [batch, features] or [features] tensor. */
  public static Shape4 nhwc(Tensor t) {
    int[] d = t.shape().dims();
    return switch (d.length) {
      case 4 -> new Shape4(d[0], d[1], d[2], d[3]);
      case 2 -> new Shape4(d[0], 1, 1, d[1]);
      case 1 -> new Shape4(1, 1, 1, d[0]);
      default ->
          throw new IllegalArgumentException(
              "tensor '" + t.name() + "' has rank " + d.length + ", expected 1, 2 or 4");
    };
  }

  private static IllegalArgumentException unsupported(Op op, String why) {
    return new IllegalArgumentException(
        "layer "
            + op.index()
            + " ("
            + op.opName()
            + ", output '"
            + op.output().name()
            + "') cannot be trained on the board: "
            + why);
  }
}
