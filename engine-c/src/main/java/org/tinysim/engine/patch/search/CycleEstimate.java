package org.tinysim.engine.patch.search;

import java.util.Optional;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Shape;
import org.tinysim.engine.patch.OpPatch;
import org.tinysim.engine.patch.PatchStage;
import org.tinysim.engine.patch.Region;
import org.tinysim.engine.prepare.PreparedGraph;

/**
 * Estimated board cycles of a schedule, to rank patch configurations without building each one.
 * Where the per-op costs come from ({@link OpCosts}):
 *
 * <ul>
 *   <li>{@link #calibrated}: what the command line uses whenever the board can run the schedules.
 *       An op run whole costs the cycles the board measured for it in the plain schedule (or, when
 *       the plain schedule is over the SRAM, in the patched runs, or on its line below). An op in a
 *       patch stage costs {@code a * share + b * patches}: {@code share} = the output pixels its
 *       patches compute (halo included) over the op's output pixels, {@code patches} = the grid's
 *       patch count, and per op {@code a} (the op's work, at patch-sized working sets) and {@code
 *       b} (per-patch call, gather and copy) are solved from the per-layer cycles of two patched
 *       runs of the deepest stage (grids 2 and 4). A plain run alone does not predict a patched op:
 *       on fashion_mobilenet the first depthwise op costs 579,556 cycles whole but 5x less per
 *       pixel in 2x2 patches (its input fits the 4 KB D-cache only in patches);
 *   <li>{@link #measured}: the plain run's per-op cycles times the patches' pixel share, plus the
 *       fitted loop overhead, when no patched stage could run on the board;
 *   <li>{@link #FITTED}: per op kind, cycles per MAC plus cycles per output element, fitted to the
 *       per-layer cycles the emulator measured for mcunet_vww_80x80 and person_detect (DSP kernels,
 *       cycle model v1), plus the loop's row copies and call overhead - when nothing runs on the
 *       board (the plain schedule over its SRAM).
 * </ul>
 */
public final class CycleEstimate {

  /** Cycles of an op, run whole or as one patch of a patch stage. */
  public interface OpCosts {
    /** The op over its whole output (plain schedule, or after the stage). */
    double whole(Op op);

    /** One patch of the op in {@code stage}: output region {@code g.out()}, loop work included. */
    double patch(Op op, PatchStage stage, int patch);

    /** Where the costs come from, for reports: "board" or "fitted". */
    String source();
  }

  /** Per-op-kind constants (see the class comment). */
  public static final OpCosts FITTED =
      new OpCosts() {
        @Override
        public double whole(Op op) {
          return opCycles(op, Region.whole(height(op), width(op)));
        }

        @Override
        public double patch(Op op, PatchStage stage, int patch) {
          return opCycles(op, stage.geometry(op.index(), patch).out())
              + loopOverhead(op, stage, patch);
        }

        @Override
        public String source() {
          return "fitted";
        }
      };

  /**
   * The board's per-layer cycles of the plain schedule ({@code plain[i]} = graph op i, as the
   * generated firmware records them); a patch costs its pixels' share plus the fitted loop
   * overhead.
   */
  public static OpCosts measured(long[] plain) {
    long[] whole = plain.clone();
    return new OpCosts() {
      @Override
      public double whole(Op op) {
        return layer(whole, op);
      }

      @Override
      public double patch(Op op, PatchStage stage, int patch) {
        return layer(whole, op) * share(stage.geometry(op.index(), patch).out(), op)
            + loopOverhead(op, stage, patch);
      }

      @Override
      public String source() {
        return "board";
      }
    };
  }

  /**
   * Costs from the plain schedule's per-layer cycles and two patched runs of the same split at
   * different grids (see the class comment); ops outside both stages fall back to {@link
   * #measured}.
   */
  public static OpCosts calibrated(
      long[] plain, PatchStage first, long[] firstCycles, PatchStage second, long[] secondCycles) {
    return calibrated(Optional.of(plain), first, firstCycles, second, secondCycles);
  }

  /**
   * As {@link #calibrated(long[], PatchStage, long[], PatchStage, long[])} when the plain schedule
   * cannot run (over the board's SRAM): an op after the stages costs what it cost in the first run,
   * where it ran whole; an op in them costs its line at one patch covering the output ({@code a +
   * b}).
   */
  public static OpCosts calibrated(
      PatchStage first, long[] firstCycles, PatchStage second, long[] secondCycles) {
    return calibrated(Optional.empty(), first, firstCycles, second, secondCycles);
  }

  private static OpCosts calibrated(
      Optional<long[]> plain,
      PatchStage first,
      long[] firstCycles,
      PatchStage second,
      long[] secondCycles) {
    int ops = Math.min(first.split(), second.split());
    double[] perShare = new double[ops];
    double[] perPatch = new double[ops];
    for (int i = 0; i < ops; i++) {
      Op op = first.prepared().graph().ops().get(i);
      double s1 = totalShare(first, op);
      double s2 = totalShare(second, op);
      double n1 = first.patches();
      double n2 = second.patches();
      double m1 = layer(firstCycles, op);
      double m2 = layer(secondCycles, op);
      double det = s1 * n2 - s2 * n1;
      double b = det == 0 ? -1 : (m2 * s1 - m1 * s2) / det;
      double a = det == 0 ? -1 : (m1 - b * n1) / s1;
      if (a < 0 || b < 0) {
        // Two points that do not fit a line with positive costs: the first run's cost per pixel.
        a = m1 / s1;
        b = 0;
      }
      perShare[i] = a;
      perPatch[i] = b;
    }
    long[] whole = plain.orElseGet(firstCycles::clone);
    if (plain.isEmpty()) {
      for (int i = 0; i < ops; i++) {
        whole[i] = Math.round(perShare[i] + perPatch[i]);
      }
    }
    OpCosts scaled = measured(whole);
    return new OpCosts() {
      @Override
      public double whole(Op op) {
        return scaled.whole(op);
      }

      @Override
      public double patch(Op op, PatchStage stage, int patch) {
        if (op.index() >= ops) {
          return scaled.patch(op, stage, patch);
        }
        return perShare[op.index()] * share(stage.geometry(op.index(), patch).out(), op)
            + perPatch[op.index()];
      }

      @Override
      public String source() {
        return "board";
      }
    };
  }

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
  public static double plain(PreparedGraph prepared, OpCosts costs) {
    double total = 0;
    for (Op op : prepared.graph().ops()) {
      total += costs.whole(op);
    }
    return total;
  }

  /** The stage patch by patch (halo recomputed, region copies), then the rest whole. */
  public static double patched(PatchStage stage, OpCosts costs) {
    double total = 0;
    for (Op op : stage.prepared().graph().ops()) {
      if (op.index() >= stage.split()) {
        total += costs.whole(op);
        continue;
      }
      for (int p = 0; p < stage.patches(); p++) {
        total += costs.patch(op, stage, p);
      }
    }
    return total;
  }

  /** The patch loop's kernel call and row copies for one op and patch (fitted constants). */
  private static double loopOverhead(Op op, PatchStage stage, int patch) {
    OpPatch g = stage.geometry(op.index(), patch);
    double total = PATCH_CALL;
    for (var t : op.inputs()) {
      if (!t.isConstant() && stage.needsGather(op.index(), t)) {
        total += copyCycles(g.in(), PatchStage.pixelBytes(t));
      }
    }
    if (stage.writesOutput(op.index())) {
      total += copyCycles(stage.tile(patch), PatchStage.pixelBytes(op.output()));
    }
    return total;
  }

  /** The region's share of the op's output pixels. */
  private static double share(Region out, Op op) {
    return out.pixels() / ((double) height(op) * width(op));
  }

  /** The op's share summed over every patch of the stage. */
  private static double totalShare(PatchStage stage, Op op) {
    double sum = 0;
    for (int p = 0; p < stage.patches(); p++) {
      sum += share(stage.geometry(op.index(), p).out(), op);
    }
    return sum;
  }

  private static double layer(long[] cycles, Op op) {
    if (op.index() >= cycles.length) {
      throw new IllegalArgumentException(
          "measured cycles of " + cycles.length + " layers, no op " + op.index());
    }
    return cycles[op.index()];
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
