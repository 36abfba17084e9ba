package org.tinysim.engine.codegen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.patch.PatchStage;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.PreparedOp;

/**
 * Folds a spatial PAD into the CONV_2D or DEPTHWISE_CONV_2D that alone reads it: the convolution
 * reads the unpadded tensor with the PAD's amounts added to its own top/left padding, and the PAD
 * op emits nothing. The kernels fill padding with the input zero point (they add -input_offset),
 * which is exactly what PAD writes (its value is the output zero point, the convolution's input
 * zero point), so the result is bit-identical and the padded copy never occupies the arena. Ops of
 * a patch stage are left alone (their padding is per patch).
 */
final class PadFusion {

  private PadFusion() {}

  static PreparedGraph apply(PreparedGraph prepared, PatchStage stage) {
    List<PreparedOp> ops = new ArrayList<>(prepared.ops());
    Map<Integer, List<Op>> readers = readers(prepared);
    List<Integer> graphOutputs = prepared.graph().outputs().stream().map(Tensor::id).toList();
    int firstFusable = stage == null ? 0 : stage.split();
    for (PreparedOp pop : prepared.ops()) {
      if (!(pop.op() instanceof Op.Pad pad)
          || pad.index() < firstFusable
          || !(pop.params() instanceof OpParams.Pad amounts)
          || graphOutputs.contains(pad.output().id())) {
        continue;
      }
      List<Op> users = readers.getOrDefault(pad.output().id(), List.of());
      if (users.size() != 1 || pad.input().isConstant() || !spatialOnly(amounts)) {
        continue;
      }
      PreparedOp consumer = ops.get(users.get(0).index());
      PreparedOp fused = fuse(consumer, pad, amounts);
      if (fused != null) {
        ops.set(consumer.op().index(), fused);
        ops.set(pad.index(), new PreparedOp(pad, new OpParams.FusedPad(consumer.op().index())));
      }
    }
    return new PreparedGraph(prepared.graph(), ops);
  }

  /** The consumer reading the unpadded tensor, or null when it cannot take the padding. */
  private static PreparedOp fuse(PreparedOp consumer, Op.Pad pad, OpParams.Pad amounts) {
    int top = amounts.before()[1];
    int left = amounts.before()[2];
    int bottom = amounts.after()[1];
    int right = amounts.after()[2];
    if (consumer.op() instanceof Op.Conv2D c
        && c.input().id() == pad.output().id()
        && consumer.params() instanceof OpParams.Conv p
        && p.inputOffset() == -amounts.padValue()) {
      Op.Conv2D op =
          new Op.Conv2D(
              c.index(),
              pad.input(),
              c.filter(),
              c.bias(),
              c.output(),
              c.padding(),
              c.strideH(),
              c.strideW(),
              c.dilationH(),
              c.dilationW(),
              c.activation());
      return new PreparedOp(
          op,
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
              p.padH() + top,
              p.padW() + left,
              p.padHOffset() + bottom - top,
              p.padWOffset() + right - left));
    }
    if (consumer.op() instanceof Op.DepthwiseConv2D d
        && d.input().id() == pad.output().id()
        && consumer.params() instanceof OpParams.DepthwiseConv p
        && p.inputOffset() == -amounts.padValue()) {
      Op.DepthwiseConv2D op =
          new Op.DepthwiseConv2D(
              d.index(),
              pad.input(),
              d.filter(),
              d.bias(),
              d.output(),
              d.padding(),
              d.strideH(),
              d.strideW(),
              d.dilationH(),
              d.dilationW(),
              d.depthMultiplier(),
              d.activation());
      return new PreparedOp(
          op,
          new OpParams.DepthwiseConv(
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
              p.padH() + top,
              p.padW() + left,
              p.padHOffset() + bottom - top,
              p.padWOffset() + right - left,
              p.depthMultiplier()));
    }
    return null;
  }

  /** NHWC padding of height and width only: batch and channel padding change the layout. */
  private static boolean spatialOnly(OpParams.Pad p) {
    int[] before = p.before();
    int[] after = p.after();
    return before.length == 4
        && before[0] == 0
        && after[0] == 0
        && before[3] == 0
        && after[3] == 0
        && before[1] >= 0
        && before[2] >= 0
        && after[1] >= 0
        && after[2] >= 0;
  }

  private static Map<Integer, List<Op>> readers(PreparedGraph prepared) {
    Map<Integer, List<Op>> readers = new HashMap<>();
    for (PreparedOp pop : prepared.ops()) {
      for (Tensor t : pop.op().inputs()) {
        List<Op> list = readers.computeIfAbsent(t.id(), k -> new ArrayList<>());
        if (!list.contains(pop.op())) {
          list.add(pop.op());
        }
      }
    }
    return readers;
  }
}
