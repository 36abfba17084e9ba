package org.tinysim.engine.codegen;

import java.util.Map;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;

/** AVERAGE_POOL_2D and MAX_POOL_2D: same parameters, different tsn kernel. */
final class PoolEmitter extends TemplateEmitter {

  private final String kernel;

  private PoolEmitter(Class<? extends Op> kind, String kernel) {
    super(kind, "pool.c.tpl");
    this.kernel = kernel;
  }

  static PoolEmitter average() {
    return new PoolEmitter(Op.AveragePool2D.class, "tsn_avgpool_s8");
  }

  static PoolEmitter max() {
    return new PoolEmitter(Op.MaxPool2D.class, "tsn_maxpool_s8");
  }

  @Override
  void fill(PreparedOp pop, EmitScope scope, Map<String, Object> v) {
    Op op = pop.op();
    OpParams.Pool p = pop.params(OpParams.Pool.class);
    v.put("kernel", kernel);
    v.put("strideH", p.strideH());
    v.put("strideW", p.strideW());
    v.put("padH", p.padH());
    v.put("padW", p.padW());
    v.put("filterH", p.filterH());
    v.put("filterW", p.filterW());
    activation(v, p.actMin(), p.actMax());
    v.put("inputDims", CSyntax.dims(op.inputs().get(0).shape()));
    v.put("outputDims", CSyntax.dims(op.output().shape()));
    v.put("input", scope.int8(op.inputs().get(0)));
    v.put("output", scope.int8(op.output()));
  }
}
