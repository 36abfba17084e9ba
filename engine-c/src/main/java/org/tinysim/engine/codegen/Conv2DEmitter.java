package org.tinysim.engine.codegen;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Shape;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;

/**
 * CONV_2D through tsn_convolve_wrapper_start_s8 (1x1 fast path or im2col), with the input offset
 * folded into per-channel start values at compile time.
 */
final class Conv2DEmitter extends TemplateEmitter {

  Conv2DEmitter() {
    super(Op.Conv2D.class, "conv2d.c.tpl");
  }

  /**
   * Mirrors tsn_convolve_wrapper_start_s8_get_buffer_size: the lean part, plus where the RGB
   * first-layer route applies its window rows and packed weights, where the input has one channel
   * its plane (both optional: with the lean part only, the kernel takes im2col), and after a 1x1
   * layer's lean part its widened chunk (optional: without it, the 2x2 pointwise blocks).
   * ScratchMatchesKernelTest builds the C functions and fails if Java and C disagree.
   */
  @Override
  public long scratchBytes(PreparedOp pop, boolean inPlace) {
    return Math.max(
        Math.max(patchScratchBytes(pop, 0), oneChannelPlaneBytes(pop)),
        leanScratchBytes(pop) + pointwiseWideBytes(pop));
  }

  /** Chunk of tsn_nn_pointwise_wide_start_s8 (its chunk bound, TSN_WIDE_CHUNK_BYTES). */
  static final int WIDE_CHUNK_BYTES = 12288;

  /**
   * Mirrors tsn_pointwise_wide_bytes: where an unpadded 1x1 layer has k a multiple of 8, an even
   * number of output channels and at least 3 output pixels, its widened route takes a chunk of
   * pixel triples (as many as fit WIDE_CHUNK_BYTES, chunks evened out) as int16, a channel pair's
   * filter rows as int16 and 8 bytes of look-ahead, after the strided gather; else 0. Patch stages
   * run without it.
   */
  static long pointwiseWideBytes(PreparedOp pop) {
    Op.Conv2D op = (Op.Conv2D) pop.op();
    OpParams.Conv p = pop.params(OpParams.Conv.class);
    Shape f = op.filter().shape();
    Shape in = op.input().shape();
    if (f.dim(1) != 1 || f.dim(2) != 1 || p.padH() != 0 || p.padW() != 0) {
      return 0;
    }
    long pixels =
        (long) ((in.dim(1) + p.strideH() - 1) / p.strideH())
            * ((in.dim(2) + p.strideW() - 1) / p.strideW());
    int k = in.dim(3);
    int outCh = f.dim(0);
    if (pixels < 3 || k < 8 || k % 8 != 0 || outCh < 2 || outCh % 2 != 0) {
      return 0;
    }
    long triples = pixels / 3;
    long most = Math.max(1, WIDE_CHUNK_BYTES / (6L * k));
    long chunks = (triples + most - 1) / most;
    long perChunk = (triples + chunks - 1) / chunks;
    return perChunk * 6 * k + 4L * k + 8;
  }

  /** Patch stages run without the one-channel plane (sized for the whole input). */
  @Override
  public long patchScratchBytes(PreparedOp pop, long patchOutputBytes) {
    return Math.max(leanScratchBytes(pop), rgbScratchBytes(pop));
  }

  /**
   * tsn_convolve_plane_start_s8's scratch: with one input channel and an odd 3x3 to 7x7 filter, the
   * input as one plane ({@link DepthwiseEmitter#planeBytes(int, int, int, int)}); else 0.
   */
  static long oneChannelPlaneBytes(PreparedOp pop) {
    Op.Conv2D op = (Op.Conv2D) pop.op();
    OpParams.Conv p = pop.params(OpParams.Conv.class);
    Shape f = op.filter().shape();
    Shape in = op.input().shape();
    int k = f.dim(1);
    boolean plane =
        in.dim(3) == 1 && f.dim(3) == 1 && f.dim(2) == k && k % 2 == 1 && k >= 3 && k <= 7;
    return plane ? DepthwiseEmitter.planeBytes(in.dim(1), in.dim(2), p.padH(), p.padW()) : 0;
  }

  /**
   * tsn_convolve_rgb_start_s8's scratch where it applies (3 input channels, 3x3, stride 1 or 2,
   * padding at most 2, undilated, an even number of output channels): three rows of window words,
   * 188 bytes of packed weights and requantisation per channel pair and a spare output row; else 0.
   */
  static long rgbScratchBytes(PreparedOp pop) {
    Op.Conv2D op = (Op.Conv2D) pop.op();
    OpParams.Conv p = pop.params(OpParams.Conv.class);
    Shape f = op.filter().shape();
    Shape in = op.input().shape();
    int outCh = f.dim(0);
    boolean rgb =
        in.dim(3) == 3
            && f.dim(3) == 3
            && f.dim(1) == 3
            && f.dim(2) == 3
            && outCh >= 2
            && outCh % 2 == 0
            && p.undilatedStrideAtMost2PadAtMost(2);
    return rgb ? 3L * (in.dim(2) + 7) * 4 + (outCh / 2) * 188L + ((outCh + 3) & ~3) : 0;
  }

  /**
   * Mirrors tsn_convolve_wrapper_s8_get_buffer_size: two im2col columns unless 1x1 unpadded; a
   * strided 1x1 gathers the input pixels it reads contiguous (so it takes the stride-1 pointwise
   * path).
   */
  @Override
  public long leanScratchBytes(PreparedOp pop) {
    Op.Conv2D op = (Op.Conv2D) pop.op();
    OpParams.Conv p = pop.params(OpParams.Conv.class);
    Shape f = op.filter().shape();
    if (f.dim(1) == 1 && f.dim(2) == 1 && p.padH() == 0 && p.padW() == 0) {
      if (p.strideH() == 1 && p.strideW() == 1) {
        return 0;
      }
      Shape in = op.input().shape();
      long outW = (in.dim(2) + p.strideW() - 1) / p.strideW();
      long outH = (in.dim(1) + p.strideH() - 1) / p.strideH();
      return (outH * outW * in.dim(3) + 3) & ~3L;
    }
    return (2L * f.dim(1) * f.dim(2) * f.dim(3) + 3) & ~3L;
  }

  @Override
  String templateFor(PreparedOp op, EmitScope scope) {
    return scope.weightsConstant() ? "conv2d.c.tpl" : "conv2d_bias.c.tpl";
  }

  @Override
  void fill(PreparedOp pop, EmitScope scope, Map<String, Object> v) {
    Op.Conv2D op = (Op.Conv2D) pop.op();
    OpParams.Conv p = pop.params(OpParams.Conv.class);
    convolution(v, p, scope, op.input(), op.filter(), op.output());
    if (scope.weightsConstant()) {
      v.put("starts", CSyntax.list(startValues(op.filter(), op.bias(), p.inputOffset())));
    } else {
      v.put("bias", scope.int32OrNull(op.bias()));
    }
    v.put("scratch", scope.scratch());
    v.put("scratchBytes", scope.scratchBytes());
  }

  /**
   * Each output channel's accumulator start: bias + input_offset * (sum of its filter row), so the
   * kernel needs neither run-time row sums nor the offset in its inner loop. int arithmetic wraps
   * as the kernel's int32 accumulation does, so the result is the same bits.
   */
  static int[] startValues(Tensor filter, Tensor bias, int inputOffset) {
    if (!filter.isConstant() || (bias != null && !bias.isConstant())) {
      throw new IllegalArgumentException(
          "CONV_2D with filter '"
              + filter.name()
              + "': a filter or bias computed at run time is not supported (its start values are"
              + " folded at compile time)");
    }
    byte[] w = filter.data();
    int channels = filter.shape().dim(0);
    int k = w.length / channels;
    int[] start = new int[channels];
    if (bias != null) {
      ByteBuffer.wrap(bias.data()).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(start);
    }
    for (int oc = 0; oc < channels; oc++) {
      int sum = 0;
      for (int i = oc * k; i < (oc + 1) * k; i++) {
        sum += w[i];
      }
      start[oc] += inputOffset * sum;
    }
    return start;
  }
}
