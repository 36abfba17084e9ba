package org.tinysim.engine.codegen;

import java.util.Map;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;

/**
 * DEPTHWISE_CONV_2D through tsn_depthwise_conv_wrapper_s8. The tsn kernel streams the whole
 * NHWC output while still reading input, so it cannot overwrite its own input. The in-place
 * variant therefore runs it on groups of channels gathered into scratch (the group's input
 * planes, output planes and taps; four channels keep the kernel on its SIMD path) and scatters
 * each result over the consumed channels.
 */
final class DepthwiseEmitter extends TemplateEmitter {

  DepthwiseEmitter() {
    super(Op.DepthwiseConv2D.class, "depthwise.c.tpl");
  }

  /** Channel c of the output lands on channel c of the input: needs multiplier 1. */
  @Override
  public boolean supportsInPlace(PreparedOp pop) {
    Op.DepthwiseConv2D op = (Op.DepthwiseConv2D) pop.op();
    return op.depthMultiplier() == 1
        && op.output().sizeInBytes() <= op.input().sizeInBytes();
  }

  @Override
  public long scratchBytes(PreparedOp pop, boolean inPlace) {
    if (!inPlace) {
      return 0;
    }
    return scratch(Geometry.of((Op.DepthwiseConv2D) pop.op()), group(pop));
  }

  private static long scratch(Geometry g, int group) {
    return align4((long) g.inPixels() * group) + align4((long) g.outPixels() * group)
        + align4((long) g.taps() * group);
  }

  /**
   * Channels per in-place pass: four (the kernel's SIMD width) or two when they divide the
   * channels and their scratch stays below the output's bytes (else in place saves nothing),
   * otherwise one.
   */
  static int group(PreparedOp pop) {
    Geometry g = Geometry.of((Op.DepthwiseConv2D) pop.op());
    long output = pop.op().output().sizeInBytes();
    for (int group : new int[] {4, 2}) {
      if (g.channels() % group == 0 && scratch(g, group) < output) {
        return group;
      }
    }
    return 1;
  }

  @Override
  String templateFor(PreparedOp op, EmitScope scope) {
    return scope.inPlace() ? "depthwise_inplace.c.tpl" : "depthwise.c.tpl";
  }

  @Override
  void fill(PreparedOp pop, EmitScope scope, Map<String, Object> v) {
    Op.DepthwiseConv2D op = (Op.DepthwiseConv2D) pop.op();
    OpParams.DepthwiseConv p = pop.params(OpParams.DepthwiseConv.class);
    convolution(v, p, scope, op.input(), op.filter(), op.bias(), op.output());
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
    int group = group(pop);
    v.put("group", group);
    v.put("inColBytes", align4((long) g.inPixels() * group));
    v.put("outColBytes", align4((long) g.outPixels() * group));
    v.put("scratch", "((int8_t *)" + scope.scratch() + ")");
  }

  private record Geometry(int[] in, int[] out, int taps) {
    static Geometry of(Op.DepthwiseConv2D op) {
      int[] f = CSyntax.nhwc(op.filter().shape());
      return new Geometry(CSyntax.nhwc(op.input().shape()), CSyntax.nhwc(op.output().shape()),
          f[1] * f[2]);
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
