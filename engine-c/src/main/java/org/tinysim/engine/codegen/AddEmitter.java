package org.tinysim.engine.codegen;

import java.util.Map;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;
import org.tinysim.engine.tflite.UnsupportedOperatorException;

/** ADD of equal shapes through tsn_add_s8; broadcasting has no tsn kernel. */
final class AddEmitter extends TemplateEmitter {

  AddEmitter() {
    super(Op.Add.class, "add.c.tpl");
  }

  @Override
  void fill(PreparedOp pop, EmitScope scope, Map<String, Object> v) {
    Op.Add op = (Op.Add) pop.op();
    OpParams.Add p = pop.params(OpParams.Add.class);
    if (p.broadcast()) {
      throw new UnsupportedOperatorException(
          "operator "
              + op.index()
              + " (ADD): shapes "
              + op.input1().shape()
              + " and "
              + op.input2().shape()
              + " need broadcasting, which tsn_add_s8 does not support");
    }
    v.put("input1Offset", p.input1Offset());
    v.put("input1Multiplier", p.input1Multiplier());
    v.put("input1Shift", p.input1Shift());
    v.put("input2Offset", p.input2Offset());
    v.put("input2Multiplier", p.input2Multiplier());
    v.put("input2Shift", p.input2Shift());
    v.put("leftShift", p.leftShift());
    v.put("outputOffset", p.outputOffset());
    v.put("outputMultiplier", p.outputMultiplier());
    v.put("outputShift", p.outputShift());
    activation(v, p.actMin(), p.actMax());
    v.put("input1", scope.int8(op.input1()));
    v.put("input2", scope.int8(op.input2()));
    v.put("output", scope.int8(op.output()));
    v.put("size", op.output().shape().elementCount());
  }
}
