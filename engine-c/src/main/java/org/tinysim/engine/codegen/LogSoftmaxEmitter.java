package org.tinysim.engine.codegen;

import java.util.Map;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;

/**
 * LOG_SOFTMAX over the last dimension: int8 calls tsn_log_softmax_s8; float32 (a model's float tail
 * after DEQUANTIZE, e.g. lenet) gets a small expf/logf loop emitted in place, since the kernel
 * library is int8-only.
 */
final class LogSoftmaxEmitter extends TemplateEmitter {

  LogSoftmaxEmitter() {
    super(Op.LogSoftmax.class, "log_softmax.c.tpl");
  }

  @Override
  String templateFor(PreparedOp pop, EmitScope scope) {
    return isFloat(pop) ? "log_softmax_f32.c.tpl" : super.templateFor(pop, scope);
  }

  @Override
  void fill(PreparedOp pop, EmitScope scope, Map<String, Object> v) {
    Op.LogSoftmax op = (Op.LogSoftmax) pop.op();
    int rowSize = op.input().shape().last();
    v.put("rows", op.input().shape().elementCount() / rowSize);
    v.put("rowSize", rowSize);
    if (isFloat(pop)) {
      v.put("input", scope.f32(op.input()));
      v.put("output", scope.f32(op.output()));
      return;
    }
    OpParams.LogSoftmax p = pop.params(OpParams.LogSoftmax.class);
    v.put("inputMultiplier", p.inputMultiplier());
    v.put("inputShift", p.inputLeftShift());
    v.put("reverseMultiplier", p.reverseScalingDivisor());
    // The kernel negates reverse_shift itself: it takes TFLite's right-shift amount.
    v.put("reverseShift", p.reverseScalingRightShift());
    v.put("diffMin", p.diffMin());
    v.put("input", scope.int8(op.input()));
    v.put("output", scope.int8(op.output()));
  }

  private static boolean isFloat(PreparedOp pop) {
    return ((Op.LogSoftmax) pop.op()).input().type() == DataType.FLOAT32;
  }
}
