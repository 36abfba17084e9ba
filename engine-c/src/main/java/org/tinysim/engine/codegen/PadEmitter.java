package org.tinysim.engine.codegen;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;

/**
 * PAD of a rank <= 4 tensor (tsn_pad_s8); lower ranks get leading unpadded dimensions. A PAD folded
 * into its convolution ({@link PadFusion}) aliases its input and emits no work.
 */
final class PadEmitter extends TemplateEmitter {

  PadEmitter() {
    super(Op.Pad.class, "pad.c.tpl");
  }

  @Override
  public boolean aliasesInput(PreparedOp pop) {
    return pop.params() instanceof OpParams.FusedPad;
  }

  @Override
  String templateFor(PreparedOp pop, EmitScope scope) {
    return aliasesInput(pop) ? "pad_fused.c.tpl" : "pad.c.tpl";
  }

  @Override
  void fill(PreparedOp pop, EmitScope scope, Map<String, Object> v) {
    if (pop.params() instanceof OpParams.FusedPad f) {
      v.put("consumer", f.consumer());
      return;
    }
    Op.Pad op = (Op.Pad) pop.op();
    OpParams.Pad p = pop.params(OpParams.Pad.class);
    v.put("before", joined(toRank4(p.before())));
    v.put("after", joined(toRank4(p.after())));
    v.put("padValue", p.padValue());
    v.put("inputDims", CSyntax.dims(op.input().shape()));
    v.put("outputDims", CSyntax.dims(op.output().shape()));
    v.put("input", scope.int8(op.input()));
    v.put("output", scope.int8(op.output()));
  }

  private static int[] toRank4(int[] amounts) {
    int[] out = new int[4];
    System.arraycopy(amounts, 0, out, 4 - amounts.length, amounts.length);
    return out;
  }

  private static String joined(int[] values) {
    return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(", "));
  }
}
