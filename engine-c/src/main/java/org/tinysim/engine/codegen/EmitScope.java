package org.tinysim.engine.codegen;

import org.tinysim.engine.ir.Tensor;

/**
 * What an emitter may ask about the op it is emitting: C expressions for its tensors (arena
 * pointers or flash arrays), its scratch, and whether the planner granted in-place execution.
 */
public final class EmitScope {

  private final ArenaPlan arena;
  private final WeightTable weights;
  private final int index;

  EmitScope(ArenaPlan arena, WeightTable weights, int index) {
    this.arena = arena;
    this.weights = weights;
    this.index = index;
  }

  /** Name of the op's static C function, also the prefix of its const structs. */
  public String fn() {
    return "op" + index;
  }

  /** C expression of an int8 tensor: a pointer into the arena, or a flash array. */
  public String int8(Tensor t) {
    if (t.isConstant()) {
      return weights.int8(t);
    }
    return "(tinysim_arena + " + arena.offsetOf(t) + ")";
  }

  /** C expression of a float32 activation in the arena (float graph inputs and outputs). */
  public String f32(Tensor t) {
    if (t.isConstant()) {
      throw new IllegalArgumentException("constant float tensor " + t.id() + " '" + t.name()
          + "' is not supported: the generated engine keeps only int8/int32 weights");
    }
    return "((float *)(tinysim_arena + " + arena.offsetOf(t) + "))";
  }

  /** C expression of an optional int32 constant (bias): the flash array or NULL. */
  public String int32OrNull(Tensor t) {
    return t == null ? "NULL" : weights.int32(t);
  }

  public String scratch() {
    long offset = arena.scratchOffset(index);
    return offset < 0 ? "NULL" : "(tinysim_arena + " + offset + ")";
  }

  public long scratchBytes() {
    return arena.scratchBytes(index);
  }

  public boolean inPlace() {
    return arena.inPlace(index);
  }
}
