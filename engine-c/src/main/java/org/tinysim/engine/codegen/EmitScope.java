package org.tinysim.engine.codegen;

import java.util.Map;
import org.tinysim.engine.ir.Tensor;

/**
 * What an emitter may ask about the op it is emitting: C expressions for its tensors (arena
 * pointers or flash arrays), its scratch, and whether the planner granted in-place execution.
 */
public final class EmitScope {

  private final ArenaPlan arena;
  private final WeightTable weights;
  private final int index;

  /**
   * Tensor id -> arena buffer id, where the op reads or writes another buffer than the tensor's own
   * (patch stages: per-patch copies).
   */
  private final Map<Integer, String> buffers;

  EmitScope(ArenaPlan arena, WeightTable weights, int index) {
    this(arena, weights, index, Map.of());
  }

  EmitScope(ArenaPlan arena, WeightTable weights, int index, Map<Integer, String> buffers) {
    this.arena = arena;
    this.weights = weights;
    this.index = index;
    this.buffers = Map.copyOf(buffers);
  }

  private String arenaPointer(Tensor t) {
    String id = buffers.get(t.id());
    return "(tinysim_arena + " + (id == null ? arena.offsetOf(t) : arena.plan().offsetOf(id)) + ")";
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
    return arenaPointer(t);
  }

  /** C expression of a float32 activation in the arena (float graph inputs and outputs). */
  public String f32(Tensor t) {
    if (t.isConstant()) {
      throw new IllegalArgumentException(
          "constant float tensor "
              + t.id()
              + " '"
              + t.name()
              + "' is not supported: the generated engine keeps only int8/int32 weights");
    }
    return "((float *)" + arenaPointer(t) + ")";
  }

  /** C expression of an optional int32 constant (bias): the flash array or NULL. */
  public String int32OrNull(Tensor t) {
    return t == null ? "NULL" : weights.int32(t);
  }

  /**
   * Whether the weights keep their compiled values (no on-device training rewrites them), so values
   * derived from them may be folded at compile time.
   */
  public boolean weightsConstant() {
    return weights.constantAtRunTime();
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
