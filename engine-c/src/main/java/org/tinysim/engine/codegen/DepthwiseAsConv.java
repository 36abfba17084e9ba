package org.tinysim.engine.codegen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Quantization;
import org.tinysim.engine.ir.Shape;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.patch.PatchStage;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.PreparedOp;

/**
 * Turns a DEPTHWISE_CONV_2D with one input channel and depth multiplier M into the CONV_2D with M
 * output channels it is: output channel m sums filter[0][y][x][m] times the one input channel, as a
 * convolution's filter row m does with its weights laid out [M, H, W, 1]. Offsets, per-channel
 * requantisation (one entry per output channel either way), padding, strides, dilation and
 * activation carry over unchanged, so the result is bit-identical; the convolution's im2col GEMM
 * computes M channels per gathered window where the depthwise kernels take a generic per-channel
 * path (a model's first layer on a greyscale image). Ops of a patch stage are left alone (the stage
 * emits them from its own graph).
 */
final class DepthwiseAsConv {

  private DepthwiseAsConv() {}

  static PreparedGraph apply(PreparedGraph prepared, PatchStage stage) {
    Map<Integer, Integer> readers = readerCounts(prepared);
    int first = stage == null ? 0 : stage.split();
    List<PreparedOp> ops = new ArrayList<>(prepared.ops());
    for (PreparedOp pop : prepared.ops()) {
      if (pop.op() instanceof Op.DepthwiseConv2D d
          && d.index() >= first
          && pop.params() instanceof OpParams.DepthwiseConv p
          && convertible(d, readers)) {
        ops.set(d.index(), asConv(d, p));
      }
    }
    return new PreparedGraph(prepared.graph(), ops);
  }

  /**
   * One input channel, several output channels, constant weights the op alone reads (the
   * re-laid-out filter keeps the tensor's id, so no other op may see it).
   */
  private static boolean convertible(Op.DepthwiseConv2D d, Map<Integer, Integer> readers) {
    Shape in = d.input().shape();
    Shape f = d.filter().shape();
    return in.rank() == 4
        && in.dim(3) == 1
        && f.rank() == 4
        && f.dim(0) == 1
        && f.dim(3) == d.depthMultiplier()
        && d.depthMultiplier() > 1
        && d.filter().isConstant()
        && readers.getOrDefault(d.filter().id(), 0) == 1
        && (d.bias() == null || d.bias().isConstant());
  }

  private static PreparedOp asConv(Op.DepthwiseConv2D d, OpParams.DepthwiseConv p) {
    Op.Conv2D conv =
        new Op.Conv2D(
            d.index(),
            d.input(),
            transposed(d.filter()),
            d.bias(),
            d.output(),
            d.padding(),
            d.strideH(),
            d.strideW(),
            d.dilationH(),
            d.dilationW(),
            d.activation());
    return new PreparedOp(
        conv,
        new OpParams.Conv(
            p.inputOffset(),
            p.outputOffset(),
            p.outputMultiplier(),
            p.outputShift(),
            p.actMin(),
            p.actMax(),
            p.strideH(),
            p.strideW(),
            p.dilationH(),
            p.dilationW(),
            p.padH(),
            p.padW(),
            p.padHOffset(),
            p.padWOffset()));
  }

  /** [1, H, W, M] to [M, H, W, 1]: each output channel's taps become one contiguous row. */
  static Tensor transposed(Tensor filter) {
    Shape s = filter.shape();
    int taps = s.dim(1) * s.dim(2);
    int channels = s.dim(3);
    byte[] from = filter.data();
    byte[] to = new byte[from.length];
    for (int t = 0; t < taps; t++) {
      for (int m = 0; m < channels; m++) {
        to[m * taps + t] = from[t * channels + m];
      }
    }
    Quantization q = filter.quantization();
    return new Tensor(
        filter.id(),
        filter.name(),
        Shape.of(channels, s.dim(1), s.dim(2), 1),
        filter.type(),
        new Quantization(q.scales(), q.zeroPoints(), 0),
        to,
        filter.isVariable());
  }

  private static Map<Integer, Integer> readerCounts(PreparedGraph prepared) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (PreparedOp pop : prepared.ops()) {
      pop.op().inputs().stream()
          .map(Tensor::id)
          .distinct()
          .forEach(id -> counts.merge(id, 1, Integer::sum));
    }
    return counts;
  }
}
