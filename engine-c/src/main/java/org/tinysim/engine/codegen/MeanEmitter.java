package org.tinysim.engine.codegen;

import java.util.Arrays;
import java.util.Map;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;
import org.tinysim.engine.tflite.UnsupportedOperatorException;

/** MEAN over H and W of an NHWC tensor (tsn_mean_s8); other axes have no tsn kernel. */
final class MeanEmitter extends TemplateEmitter {

  MeanEmitter() {
    super(Op.Mean.class, "mean.c.tpl");
  }

  @Override
  void fill(PreparedOp pop, EmitScope scope, Map<String, Object> v) {
    Op.Mean op = (Op.Mean) pop.op();
    OpParams.Mean p = pop.params(OpParams.Mean.class);
    if (op.input().shape().rank() != 4 || !Arrays.equals(op.axes(), new int[] {1, 2})) {
      throw new UnsupportedOperatorException("operator " + op.index() + " (MEAN): axes "
          + Arrays.toString(op.axes()) + " of a rank-" + op.input().shape().rank()
          + " tensor; tsn_mean_s8 only averages axes [1, 2] of NHWC");
    }
    v.put("inputOffset", -p.inputZeroPoint());
    v.put("outputOffset", p.outputZeroPoint());
    v.put("multiplier", p.multiplier());
    v.put("shift", p.shift());
    v.put("inputDims", CSyntax.dims(op.input().shape()));
    v.put("input", scope.int8(op.input()));
    v.put("output", scope.int8(op.output()));
  }
}
