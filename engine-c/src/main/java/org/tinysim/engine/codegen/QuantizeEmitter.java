package org.tinysim.engine.codegen;

import java.util.Map;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;

/**
 * QUANTIZE: float32 -> int8 (generated multiply-by-reciprocal loop, or tsn_quantize_f32_s8 when the
 * scale has no exact 8192/scale) or int8 -> int8 (tsn_requantize_s8).
 */
final class QuantizeEmitter extends TemplateEmitter {

  QuantizeEmitter() {
    super(Op.Quantize.class, "quantize.c.tpl");
  }

  /** The scaled loop writes byte i only after reading float i: free to run over its input. */
  @Override
  public boolean supportsInPlace(PreparedOp pop) {
    return pop.params() instanceof OpParams.Quantize p && scaled(p.outputScale()) != null;
  }

  @Override
  public boolean inPlaceIsFree(PreparedOp pop) {
    return true;
  }

  @Override
  String templateFor(PreparedOp op, EmitScope scope) {
    if (op.params() instanceof OpParams.Requantize) {
      return "requantize.c.tpl";
    }
    return supportsInPlace(op) ? "quantize_scaled.c.tpl" : "quantize.c.tpl";
  }

  @Override
  String patchedTemplateFor(PreparedOp op) {
    return op.params() instanceof OpParams.Requantize
        ? "requantize_patch.c.tpl"
        : "quantize_patch.c.tpl";
  }

  /**
   * 8192 / scale as the C loop multiplies by it: 8192 times the float reciprocal (exact: a power of
   * two), or null when that is not a normal float (the loop's error bound needs one).
   */
  /** The largest |x| whose |x| * k stays below 2^21 (|x| / scale below 256) in float. */
  static float fastLimit(float k) {
    float limit = 2097152f / k;
    while (limit * k >= 2097152f) {
      limit = Math.nextDown(limit);
    }
    while (Math.nextUp(limit) * k < 2097152f) {
      limit = Math.nextUp(limit);
    }
    return limit;
  }

  static Float scaled(float scale) {
    float reciprocal = 1f / scale;
    float k = 8192f * reciprocal;
    boolean normal =
        Float.isFinite(k) && Math.abs(reciprocal) >= Float.MIN_NORMAL && k / 8192f == reciprocal;
    return scale > 0 && normal ? k : null;
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
      Float k = scaled(p.outputScale());
      if (k != null) {
        v.put("scale8192", CSyntax.floatLiteral(k));
        float limit = fastLimit(k);
        v.put("fastLimit", CSyntax.floatLiteral(limit));
        v.put("fastLimitBits", String.format("%08X", Float.floatToRawIntBits(limit)));
      }
    }
  }
}
