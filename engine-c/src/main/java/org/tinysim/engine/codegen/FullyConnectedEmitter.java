package org.tinysim.engine.codegen;

import java.util.Map;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;

/** FULLY_CONNECTED through tsn_fully_connected_s8 ([batches, depth] x [units, depth]^T). */
final class FullyConnectedEmitter extends TemplateEmitter {

  FullyConnectedEmitter() {
    super(Op.FullyConnected.class, "fully_connected.c.tpl");
  }

  @Override
  void fill(PreparedOp pop, EmitScope scope, Map<String, Object> v) {
    Op.FullyConnected op = (Op.FullyConnected) pop.op();
    OpParams.FullyConnected p = pop.params(OpParams.FullyConnected.class);
    requant(v, p.outputMultiplier(), p.outputShift());
    activation(v, p.actMin(), p.actMax());
    v.put("perChannel", p.perChannel() ? 1 : 0);
    v.put("inputOffset", p.inputOffset());
    v.put("filterOffset", p.filterOffset());
    v.put("outputOffset", p.outputOffset());
    v.put("batches", p.batches());
    v.put("inputDepth", p.inputDepth());
    v.put("input", scope.int8(op.input()));
    v.put("filter", scope.int8(op.weights()));
    v.put("bias", scope.int32OrNull(op.bias()));
    v.put("output", scope.int8(op.output()));
  }
}
