package org.tinysim.engine.codegen;

import java.util.Map;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;

/** SOFTMAX over the last dimension (tsn_softmax_s8), rows = all outer elements. */
final class SoftmaxEmitter extends TemplateEmitter {

  SoftmaxEmitter() {
    super(Op.Softmax.class, "softmax.c.tpl");
  }

  @Override
  void fill(PreparedOp pop, EmitScope scope, Map<String, Object> v) {
    Op.Softmax op = (Op.Softmax) pop.op();
    OpParams.Softmax p = pop.params(OpParams.Softmax.class);
    int rowSize = op.input().shape().last();
    v.put("inputMultiplier", p.inputMultiplier());
    v.put("inputLeftShift", p.inputLeftShift());
    v.put("diffMin", p.diffMin());
    v.put("rows", op.input().shape().elementCount() / rowSize);
    v.put("rowSize", rowSize);
    v.put("input", scope.int8(op.input()));
    v.put("output", scope.int8(op.output()));
  }
}
