package org.tinysim.engine.codegen;

import java.util.Map;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;

/** DEQUANTIZE int8 -> float32 (tsn_dequantize_s8_f32), e.g. a float graph output. */
final class DequantizeEmitter extends TemplateEmitter {

  DequantizeEmitter() {
    super(Op.Dequantize.class, "dequantize.c.tpl");
  }

  @Override
  void fill(PreparedOp pop, EmitScope scope, Map<String, Object> v) {
    Op.Dequantize op = (Op.Dequantize) pop.op();
    OpParams.Dequantize p = pop.params(OpParams.Dequantize.class);
    v.put("size", op.output().shape().elementCount());
    v.put("input", scope.int8(op.input()));
    v.put("output", scope.f32(op.output()));
    v.put("scale", CSyntax.floatLiteral(p.scale()));
    v.put("zeroPoint", p.zeroPoint());
  }
}
