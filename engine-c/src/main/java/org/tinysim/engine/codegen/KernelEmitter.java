package org.tinysim.engine.codegen;

import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.PreparedOp;
import org.tinysim.engine.tflite.UnsupportedOperatorException;

/**
 * Emits the C for one operator kind: const parameter structs and a {@code static tsn_status
 * <scope.fn()>(void)} that calls a tsn_ kernel. One implementation per {@link Op} record class,
 * looked up by {@link KernelRegistry}.
 */
public interface KernelEmitter {

  Class<? extends Op> kind();

  /** Kernel scratch bytes this op needs while it runs (planned in the arena). */
  default long scratchBytes(PreparedOp op, boolean inPlace) {
    return 0;
  }

  /**
   * Scratch of the op inside a patch stage, where each call covers one patch: its output holds at
   * most {@code patchOutputBytes}.
   */
  default long patchScratchBytes(PreparedOp op, long patchOutputBytes) {
    return scratchBytes(op, false);
  }

  /**
   * Whether the kernel also runs, slower, without its scratch (given none): the planner then drops
   * it where it would set the arena's peak. Applies to the not-in-place variant only.
   */
  default boolean scratchIsOptional(PreparedOp op) {
    return false;
  }

  /**
   * The part of {@link #scratchBytes} the kernel cannot run without (not in place): the planner
   * gives only this where the rest would set the arena's peak. 0 for optional scratch.
   */
  default long leanScratchBytes(PreparedOp op) {
    return scratchIsOptional(op) ? 0 : scratchBytes(op, false);
  }

  /**
   * Scratch sizes the in-place variant can run with, fastest first; the emitter then runs with
   * whatever {@link EmitScope#scratchBytes()} the planner granted.
   */
  default java.util.List<Long> inPlaceScratchChoices(PreparedOp op) {
    return java.util.List.of(scratchBytes(op, true));
  }

  /** Whether this op has an in-place variant it could use for {@code op}. */
  default boolean supportsInPlace(PreparedOp op) {
    return false;
  }

  /**
   * Whether the in-place variant is as fast as the other one, so it is asked for even when the
   * options do not allow in-place (which trade speed for bytes).
   */
  default boolean inPlaceIsFree(PreparedOp op) {
    return false;
  }

  /** Whether the output is the input reinterpreted (no code, same arena bytes). */
  default boolean aliasesInput(PreparedOp op) {
    return false;
  }

  String emit(PreparedOp op, EmitScope scope);

  /**
   * Emits the op for a patch stage: a {@code static tsn_status <scope.fn()>(const
   * tinysim_patch_geom *g)} running one patch, whose dims and border padding come from {@code g}.
   */
  default String emitPatched(PreparedOp op, EmitScope scope) {
    throw new UnsupportedOperatorException(
        "operator "
            + op.op().index()
            + " ("
            + op.op().opName()
            + ") has no patch-by-patch emitter");
  }
}
