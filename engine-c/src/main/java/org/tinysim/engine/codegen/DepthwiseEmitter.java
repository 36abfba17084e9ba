package org.tinysim.engine.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;

/**
 * DEPTHWISE_CONV_2D through tsn_depthwise_conv_wrapper_s8. The HWC kernels stream the whole NHWC
 * output while still reading input, so they cannot overwrite their own input. Where the wrapper
 * routes to the plane kernel (one channel at a time, so safe in place) or, on small maps, to the
 * 3x3 kernel's widened route (four channels copied before any of theirs is written) the op asks for
 * that scratch: optional when not in place (the planner drops it where it would set the arena's
 * peak), the first in-place choice otherwise. Else the in-place variant runs the kernel on groups
 * of channels gathered into scratch (the group's input planes, output planes and taps) and scatters
 * each result over the consumed channels; the group is as large as the scratch the planner granted
 * (more channels per pass: fewer kernel calls, the kernel's SIMD paths).
 */
final class DepthwiseEmitter extends TemplateEmitter {

  private static final int MAX_GROUP = 32;

  DepthwiseEmitter() {
    super(Op.DepthwiseConv2D.class, "depthwise.c.tpl");
  }

  /** Channel c of the output lands on channel c of the input: needs multiplier 1. */
  @Override
  public boolean supportsInPlace(PreparedOp pop) {
    Op.DepthwiseConv2D op = (Op.DepthwiseConv2D) pop.op();
    return op.depthMultiplier() == 1 && op.output().sizeInBytes() <= op.input().sizeInBytes();
  }

  @Override
  public long scratchBytes(PreparedOp pop, boolean inPlace) {
    if (!inPlace) {
      return planeBytes(pop) > 0 ? planeBytes(pop) : wide3x3Bytes(pop);
    }
    // the smallest: with every depthwise in place the arena, not the speed, is what was asked
    return scratch(Geometry.of((Op.DepthwiseConv2D) pop.op()), 1);
  }

  /**
   * The plane kernel's scratch where the kernel wrapper routes to it (restating
   * tsn_depthwise_conv_wrapper_s8_get_buffer_size): {@link #planeBytes(int, int, int, int)}; 0
   * elsewhere.
   */
  static long planeBytes(PreparedOp pop) {
    Op.DepthwiseConv2D op = (Op.DepthwiseConv2D) pop.op();
    OpParams.DepthwiseConv p = pop.params(OpParams.DepthwiseConv.class);
    int[] in = CSyntax.nhwc(op.input().shape());
    int[] f = CSyntax.nhwc(op.filter().shape());
    int k = f[1];
    boolean plane =
        f[2] == k
            && (k == 3 || k == 5 || k == 7)
            && p.depthMultiplier() == 1
            && p.dilationH() == 1
            && p.dilationW() == 1
            && p.strideH() == 1
            && p.strideW() == 1
            && p.padH() >= 0
            && p.padW() >= 0
            && p.padH() < k
            && p.padW() < k
            && in[2] >= 2 * k
            && (k > 3 || in[2] >= 12);
    return plane ? planeBytes(in[1], in[2], p.padH(), p.padW()) : 0;
  }

  /** tsn_depthwise_conv_3x3_s8 asks for its widened copy up to this many bytes (small maps). */
  static final long WIDE_3X3_MAX_BYTES = 1024;

  /**
   * The 3x3 kernel's widened copy where the wrapper routes to that kernel (restating its
   * get_buffer_size): 3x3, multiplier 1, undilated, stride 1 or 2, padding at most 1, at least 4
   * channels, not the plane kernel's domain; (inH + 2 padH + 1) x (inW + 2 padW + 1) positions of
   * two words, when that is at most {@link #WIDE_3X3_MAX_BYTES}; else 0.
   */
  static long wide3x3Bytes(PreparedOp pop) {
    if (planeBytes(pop) > 0) {
      return 0;
    }
    Op.DepthwiseConv2D op = (Op.DepthwiseConv2D) pop.op();
    OpParams.DepthwiseConv p = pop.params(OpParams.DepthwiseConv.class);
    int[] in = CSyntax.nhwc(op.input().shape());
    int[] f = CSyntax.nhwc(op.filter().shape());
    boolean route =
        f[1] == 3
            && f[2] == 3
            && p.depthMultiplier() == 1
            && p.undilatedStrideAtMost2PadAtMost(1)
            && in[3] >= 4;
    long bytes = (in[1] + 2L * p.padH() + 1) * (in[2] + 2L * p.padW() + 1) * 8;
    return route && bytes <= WIDE_3X3_MAX_BYTES ? bytes : 0;
  }

  /**
   * The scratch with which the wrapper's kernel runs in place by itself: the plane kernel's, or the
   * 3x3 kernel's widened copy when the channels are a multiple of 4 (its portable tail of the last
   * c % 4 channels streams); else 0.
   */
  static long selfInPlaceBytes(PreparedOp pop) {
    if (planeBytes(pop) > 0) {
      return planeBytes(pop);
    }
    int channels = CSyntax.nhwc(((Op.DepthwiseConv2D) pop.op()).input().shape())[3];
    return channels % 4 == 0 ? wide3x3Bytes(pop) : 0;
  }

  /**
   * One channel of an inH x inW input as an int16 plane, as the plane kernels size it: its padding
   * on both sides, one more row, and an even row of at least two more halfwords.
   */
  static long planeBytes(int inH, int inW, int padH, int padW) {
    long rows = inH + 2L * padH + 1;
    long rowHalfwords = (inW + 2L * padW + 3) & ~1L;
    return rows * rowHalfwords * 2;
  }

  /** A patch runs the kernels without scratch (its template passes none). */
  @Override
  public long patchScratchBytes(PreparedOp pop, long patchOutputBytes) {
    return 0;
  }

  /** Without it the 3x3 kernel (direct route) or the general kernel runs. */
  @Override
  public boolean scratchIsOptional(PreparedOp pop) {
    return true;
  }

  private static long scratch(Geometry g, int group) {
    return align4((long) g.inPixels() * group)
        + align4((long) g.outPixels() * group)
        + align4((long) g.taps() * group);
  }

  /**
   * Channels per pass, most first (fewer kernel calls, the kernel's SIMD width): powers of two up
   * to {@value #MAX_GROUP} dividing the channels, fewer than all of them; the planner keeps the
   * first that reaches the smallest arena.
   */
  @Override
  public List<Long> inPlaceScratchChoices(PreparedOp pop) {
    Geometry g = Geometry.of((Op.DepthwiseConv2D) pop.op());
    List<Long> choices = new ArrayList<>();
    // the plane kernel and the 3x3 kernel's widened route run in place by themselves, faster
    // than any gathered group
    if (selfInPlaceBytes(pop) > 0) {
      choices.add(selfInPlaceBytes(pop));
    }
    for (int group = MAX_GROUP; group > 1; group /= 2) {
      if (g.channels() % group == 0 && group < g.channels()) {
        choices.add(scratch(g, group));
      }
    }
    choices.add(scratch(g, 1));
    return choices;
  }

  /** The most channels per pass whose scratch fits in {@code scratchBytes}. */
  static int groupFitting(PreparedOp pop, long scratchBytes) {
    Geometry g = Geometry.of((Op.DepthwiseConv2D) pop.op());
    for (int group = MAX_GROUP; group > 1; group /= 2) {
      if (g.channels() % group == 0 && align4(scratch(g, group)) <= scratchBytes) {
        return group;
      }
    }
    return 1;
  }

  /** In place with a kernel that runs so by itself: the plain call, output on the input's bytes. */
  private static boolean selfInPlace(PreparedOp pop, EmitScope scope) {
    long self = selfInPlaceBytes(pop);
    return scope.inPlace() && self > 0 && scope.scratchBytes() >= self;
  }

  @Override
  String templateFor(PreparedOp op, EmitScope scope) {
    return scope.inPlace() && !selfInPlace(op, scope)
        ? "depthwise_inplace.c.tpl"
        : "depthwise.c.tpl";
  }

  @Override
  void fill(PreparedOp pop, EmitScope scope, Map<String, Object> v) {
    Op.DepthwiseConv2D op = (Op.DepthwiseConv2D) pop.op();
    OpParams.DepthwiseConv p = pop.params(OpParams.DepthwiseConv.class);
    convolution(v, p, scope, op.input(), op.filter(), op.output());
    v.put("bias", scope.int32OrNull(op.bias()));
    v.put("depthMultiplier", p.depthMultiplier());
    Geometry g = Geometry.of(op);
    v.put("batches", g.batches());
    v.put("inH", g.in()[1]);
    v.put("inW", g.in()[2]);
    v.put("outH", g.out()[1]);
    v.put("outW", g.out()[2]);
    v.put("kH", op.filter().shape().dim(1));
    v.put("kW", op.filter().shape().dim(2));
    v.put("inPixels", g.inPixels());
    v.put("outPixels", g.outPixels());
    v.put("taps", g.taps());
    int group = scope.inPlace() ? groupFitting(pop, scope.scratchBytes()) : 1;
    v.put("group", group);
    v.put("inColBytes", align4((long) g.inPixels() * group));
    v.put("outColBytes", align4((long) g.outPixels() * group));
    v.put("scratch", "((int8_t *)" + scope.scratch() + ")");
    v.put("planeScratch", scope.scratch());
    v.put("scratchBytes", scope.scratchBytes());
  }

  private record Geometry(int[] in, int[] out, int taps) {
    static Geometry of(Op.DepthwiseConv2D op) {
      int[] f = CSyntax.nhwc(op.filter().shape());
      return new Geometry(
          CSyntax.nhwc(op.input().shape()), CSyntax.nhwc(op.output().shape()), f[1] * f[2]);
    }

    int batches() {
      return in[0];
    }

    int channels() {
      return out[3];
    }

    int inPixels() {
      return in[0] * in[1] * in[2];
    }

    int outPixels() {
      return out[0] * out[1] * out[2];
    }
  }

  private static long align4(long bytes) {
    return (bytes + 3) & ~3L;
  }
}
