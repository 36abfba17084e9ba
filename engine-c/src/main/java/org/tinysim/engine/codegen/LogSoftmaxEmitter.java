package org.tinysim.engine.codegen;

import java.util.Map;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;
import org.tinysim.engine.tflite.UnsupportedOperatorException;

/** int8 LOG_SOFTMAX over the last dimension (tsn_log_softmax_s8); float32 has no kernel. */
final class LogSoftmaxEmitter extends TemplateEmitter {

  LogSoftmaxEmitter() {
    super(Op.LogSoftmax.class, "log_softmax.c.tpl");
  }

  @Override
  void fill(PreparedOp pop, EmitScope scope, Map<String, Object> v) {
    Op.LogSoftmax op = (Op.LogSoftmax) pop.op();
    if (!(pop.params() instanceof OpParams.LogSoftmax p)) {
      throw new UnsupportedOperatorException("operator " + op.index()
          + " (LOG_SOFTMAX) runs in float32; only the int8 tsn_log_softmax_s8 is available");
    }
    int rowSize = op.input().shape().last();
    v.put("inputMultiplier", p.inputMultiplier());
    v.put("inputShift", p.inputLeftShift());
    v.put("reverseMultiplier", p.reverseScalingDivisor());
    // The kernel negates reverse_shift itself: it takes TFLite's right-shift amount.
    v.put("reverseShift", p.reverseScalingRightShift());
    v.put("diffMin", p.diffMin());
    v.put("rows", op.input().shape().elementCount() / rowSize);
    v.put("rowSize", rowSize);
    v.put("input", scope.int8(op.input()));
    v.put("output", scope.int8(op.output()));
  }
}
