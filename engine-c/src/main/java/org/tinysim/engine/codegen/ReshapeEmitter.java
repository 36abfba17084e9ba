package org.tinysim.engine.codegen;

import java.util.Map;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.PreparedOp;
import org.tinysim.engine.tflite.UnsupportedOperatorException;

/**
 * RESHAPE: the output is the input's bytes under another shape, so the planner maps both tensors to
 * one arena buffer and the op emits no work (an empty function keeps per-layer numbering).
 */
final class ReshapeEmitter extends TemplateEmitter {

  ReshapeEmitter() {
    super(Op.Reshape.class, "reshape.c.tpl");
  }

  @Override
  public boolean aliasesInput(PreparedOp pop) {
    Op.Reshape op = (Op.Reshape) pop.op();
    if (op.input().isConstant()) {
      throw new UnsupportedOperatorException(
          "operator "
              + op.index()
              + " (RESHAPE) of a constant tensor: fold it into the weights before code generation");
    }
    return true;
  }

  @Override
  void fill(PreparedOp pop, EmitScope scope, Map<String, Object> v) {
    // Nothing but the function name.
  }
}
