package org.tinysim.engine.codegen;

import java.util.Map;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;

/** QUANTIZE: float32 -> int8 (tsn_quantize_f32_s8) or int8 -> int8 (tsn_requantize_s8). */
final class QuantizeEmitter extends TemplateEmitter {

  QuantizeEmitter() {
    super(Op.Quantize.class, "quantize.c.tpl");
  }

  @Override
  String templateFor(PreparedOp op, EmitScope scope) {
    return op.params() instanceof OpParams.Requantize ? "requantize.c.tpl" : "quantize.c.tpl";
  }

  @Override
  String patchedTemplateFor(PreparedOp op) {
    return templateFor(op, null).replace(".c.tpl", "_patch.c.tpl");
  }

  @Override
  void fill(PreparedOp pop, EmitScope scope, Map<String, Object> v) {
    Op.Quantize op = (Op.Quantize) pop.op();
    v.put("size", op.output().shape().elementCount());
    v.put("output", scope.int8(op.output()));
    if (pop.params() instanceof OpParams.Requantize p) {
      v.put("input", scope.int8(op.input()));
      v.put("inputOffset", -p.inputZeroPoint());
      v.put("outputOffset", p.outputZeroPoint());
      v.put("multiplier", p.multiplier());
      v.put("shift", p.shift());
    } else {
      OpParams.Quantize p = pop.params(OpParams.Quantize.class);
      v.put("input", scope.f32(op.input()));
      v.put("scale", CSyntax.floatLiteral(p.outputScale()));
      v.put("zeroPoint", p.outputZeroPoint());
    }
  }
}
