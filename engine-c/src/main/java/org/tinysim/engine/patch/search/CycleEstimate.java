package org.tinysim.engine.patch.search;

import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Shape;
import org.tinysim.engine.patch.OpPatch;
import org.tinysim.engine.patch.PatchStage;
import org.tinysim.engine.patch.Region;
import org.tinysim.engine.prepare.PreparedGraph;

/**
 * Estimated board cycles of a schedule, to rank patch configurations without building them: per op
 * kind, cycles per MAC plus cycles per output element, fitted to the per-layer cycles the emulator
 * measured for mcunet_vww_80x80 and person_detect (DSP kernels, cycle model v1), plus the patch
 * loop's row copies and per-call overhead. Only differences between configurations matter; when the
 * cycle model changes, refit the constants here.
 */
public final class CycleEstimate {

  /** Cycles per MAC and per output element of each op kind (measured, see the class comment). */
  static final double CONV_1X1_PER_MAC = 1.95;

  static final double CONV_1X1_PER_OUTPUT = 55.5;
  static final double CONV_PER_MAC = 3.35;
  static final double CONV_PER_OUTPUT = 55.5;
  static final double DEPTHWISE_PER_MAC = 6.0;
  static final double DEPTHWISE_PER_OUTPUT = 52.0;
  static final double ADD_PER_OUTPUT = 106.0;
  static final double QUANTIZE_PER_OUTPUT = 57.5;
  static final double PAD_PER_OUTPUT = 3.0;
  static final double POOL_PER_TAP = 1.2;
  static final double OTHER_PER_OUTPUT = 10.0;

  /** Row copies of the patch loop: memcpy bytes and per-row loop cost. */
  static final double COPY_PER_BYTE = 0.35;

  static final double COPY_PER_ROW = 40.0;

  /** Kernel call with its on-stack dims and params, once per op and patch. */
  static final double PATCH_CALL = 400.0;

  private CycleEstimate() {}

  /** All ops run whole, one after the other. */
  public static double plain(PreparedGraph prepared) {
    double total = 0;
    for (Op op : prepared.graph().ops()) {
      Region whole = Region.whole(height(op), width(op));
      total += opCycles(op, whole);
    }
    return total;
  }

  /** The stage patch by patch (halo recomputed, region copies), then the rest whole. */
  public static double patched(PatchStage stage) {
    PreparedGraph prepared = stage.prepared();
    double total = 0;
    for (Op op : prepared.graph().ops()) {
      if (op.index() >= stage.split()) {
        total += opCycles(op, Region.whole(height(op), width(op)));
        continue;
      }
      for (int p = 0; p < stage.patches(); p++) {
        OpPatch g = stage.geometry(op.index(), p);
        total += opCycles(op, g.out()) + PATCH_CALL;
        for (var t : op.inputs()) {
          if (!t.isConstant() && stage.needsGather(op.index(), t)) {
            total += copyCycles(g.in(), PatchStage.pixelBytes(t));
          }
        }
        if (stage.writesOutput(op.index())) {
          total += copyCycles(stage.tile(p), PatchStage.pixelBytes(op.output()));
        }
      }
    }
    return total;
  }

  private static double copyCycles(Region r, long pixelBytes) {
    return r.height() * COPY_PER_ROW + r.pixels() * pixelBytes * COPY_PER_BYTE;
  }

  /** Cycles of {@code op} computing output region {@code out}. */
  static double opCycles(Op op, Region out) {
    if (op.output().shape().rank() != 4) {
      return op.macs() * CONV_1X1_PER_MAC + op.output().shape().elementCount() * OTHER_PER_OUTPUT;
    }
    double pixels = out.pixels();
    double outputs = pixels * op.output().shape().dim(3);
    double macs = op.macs() * pixels / ((double) height(op) * width(op));
    return switch (op.kind()) {
      case CONV_2D -> {
        Shape f = ((Op.Conv2D) op).filter().shape();
        boolean pointwise = f.dim(1) == 1 && f.dim(2) == 1;
        yield pointwise
            ? macs * CONV_1X1_PER_MAC + outputs * CONV_1X1_PER_OUTPUT
            : macs * CONV_PER_MAC + outputs * CONV_PER_OUTPUT;
      }
      case DEPTHWISE_CONV_2D -> macs * DEPTHWISE_PER_MAC + outputs * DEPTHWISE_PER_OUTPUT;
      case ADD -> outputs * ADD_PER_OUTPUT;
      case QUANTIZE -> outputs * QUANTIZE_PER_OUTPUT;
      case PAD -> outputs * PAD_PER_OUTPUT;
      case AVERAGE_POOL_2D -> {
        Op.AveragePool2D a = (Op.AveragePool2D) op;
        yield outputs * a.filterH() * a.filterW() * POOL_PER_TAP;
      }
      case MAX_POOL_2D -> {
        Op.MaxPool2D m = (Op.MaxPool2D) op;
        yield outputs * m.filterH() * m.filterW() * POOL_PER_TAP;
      }
      default -> op.macs() * CONV_1X1_PER_MAC + outputs * OTHER_PER_OUTPUT;
    };
  }

  private static int height(Op op) {
    return op.output().shape().rank() == 4 ? op.output().shape().dim(1) : 1;
  }

  private static int width(Op op) {
    return op.output().shape().rank() == 4 ? op.output().shape().dim(2) : 1;
  }
}
