package org.tinysim.engine.codegen;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;
import org.tinysim.engine.tflite.UnsupportedOperatorException;

/** TRANSPOSE of rank 1..4 (tsn_transpose_s8). */
final class TransposeEmitter extends TemplateEmitter {

  TransposeEmitter() {
    super(Op.Transpose.class, "transpose.c.tpl");
  }

  @Override
  void fill(PreparedOp pop, EmitScope scope, Map<String, Object> v) {
    Op.Transpose op = (Op.Transpose) pop.op();
    int[] perm = pop.params(OpParams.Transpose.class).perm();
    if (perm.length < 1 || perm.length > 4) {
      throw new UnsupportedOperatorException(
          "operator "
              + op.index()
              + " (TRANSPOSE): rank "
              + perm.length
              + "; tsn_transpose_s8 handles ranks 1..4");
    }
    int[] padded = Arrays.copyOf(perm, 4);
    v.put("rank", perm.length);
    v.put("perm", joined(padded));
    v.put("inputShape", joined(op.input().shape().dims()));
    v.put("input", scope.int8(op.input()));
    v.put("output", scope.int8(op.output()));
  }

  private static String joined(int[] values) {
    return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(", "));
  }
}
