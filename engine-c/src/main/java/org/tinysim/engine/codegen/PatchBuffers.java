package org.tinysim.engine.codegen;

import org.tinysim.engine.ir.Tensor;

/** Arena buffer ids of a patch stage, shared by the planner and the emitter. */
final class PatchBuffers {

  private PatchBuffers() {}

  /** One patch's region of a tensor made inside the stage. */
  static String patch(Tensor t) {
    return "t" + t.id() + "/patch";
  }

  /** Op {@code op}'s contiguous copy of its region of {@code input}. */
  static String gather(int op, Tensor input) {
    return "op" + op + "/in" + input.id();
  }
}
