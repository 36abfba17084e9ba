package org.tinysim.engine.codegen;

import java.util.Map;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Shape;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;

/** CONV_2D through tsn_convolve_wrapper_s8 (1x1 fast path or im2col). */
final class Conv2DEmitter extends TemplateEmitter {

  Conv2DEmitter() {
    super(Op.Conv2D.class, "conv2d.c.tpl");
  }

  /**
   * Mirrors tsn_convolve_wrapper_s8_get_buffer_size: two im2col columns unless 1x1 unpadded.
   * Conv2DScratchMatchesKernelTest builds the C function and fails if the two disagree.
   */
  @Override
  public long scratchBytes(PreparedOp pop, boolean inPlace) {
    Op.Conv2D op = (Op.Conv2D) pop.op();
    OpParams.Conv p = pop.params(OpParams.Conv.class);
    Shape f = op.filter().shape();
    if (f.dim(1) == 1 && f.dim(2) == 1 && p.padH() == 0 && p.padW() == 0) {
      return 0;
    }
    return (2L * f.dim(1) * f.dim(2) * f.dim(3) + 3) & ~3L;
  }

  @Override
  void fill(PreparedOp pop, EmitScope scope, Map<String, Object> v) {
    Op.Conv2D op = (Op.Conv2D) pop.op();
    OpParams.Conv p = pop.params(OpParams.Conv.class);
    convolution(v, p, scope, op.input(), op.filter(), op.bias(), op.output());
    v.put("scratch", scope.scratch());
    v.put("scratchBytes", scope.scratchBytes());
  }
}
