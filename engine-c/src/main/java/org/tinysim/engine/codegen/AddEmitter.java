package org.tinysim.engine.codegen;

import java.util.Map;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;
import org.tinysim.engine.tflite.UnsupportedOperatorException;

/** ADD of equal shapes through tsn_add_s8; broadcasting has no tsn kernel. */
final class AddEmitter extends TemplateEmitter {
  /** tsn_add_s8's table route: from this many elements on, two 256-entry int32 tables. */
  static final long TABLE_MIN_SIZE = 512;

  static final long TABLE_BYTES = 2 * 256 * 4;

  AddEmitter() {
    super(Op.Add.class, "add.c.tpl");
  }

  /**
   * Mirrors tsn_add_s8_get_buffer_size: the input rescale tables once the ADD is large enough to
   * repay building them. AddScratchMatchesKernelTest compares the two.
   */
  @Override
  public long scratchBytes(PreparedOp pop, boolean inPlace) {
    long size = ((Op.Add) pop.op()).output().shape().elementCount();
    return size >= TABLE_MIN_SIZE ? TABLE_BYTES : 0;
  }

  /** A patch's ADD runs on the patch's elements (int8: one byte each). */
  @Override
  public long patchScratchBytes(PreparedOp op, long patchOutputBytes) {
    return patchOutputBytes >= TABLE_MIN_SIZE ? TABLE_BYTES : 0;
  }

  @Override
  public boolean scratchIsOptional(PreparedOp op) {
    return true;
  }

  @Override
  void fill(PreparedOp pop, EmitScope scope, Map<String, Object> v) {
    Op.Add op = (Op.Add) pop.op();
    OpParams.Add p = pop.params(OpParams.Add.class);
    if (p.broadcast()) {
      throw new UnsupportedOperatorException(
          "operator "
              + op.index()
              + " (ADD): shapes "
              + op.input1().shape()
              + " and "
              + op.input2().shape()
              + " need broadcasting, which tsn_add_s8 does not support");
    }
    v.put("input1Offset", p.input1Offset());
    v.put("input1Multiplier", p.input1Multiplier());
    v.put("input1Shift", p.input1Shift());
    v.put("input2Offset", p.input2Offset());
    v.put("input2Multiplier", p.input2Multiplier());
    v.put("input2Shift", p.input2Shift());
    v.put("leftShift", p.leftShift());
    v.put("outputOffset", p.outputOffset());
    v.put("outputMultiplier", p.outputMultiplier());
    v.put("outputShift", p.outputShift());
    activation(v, p.actMin(), p.actMax());
    v.put("input1", scope.int8(op.input1()));
    v.put("input2", scope.int8(op.input2()));
    v.put("output", scope.int8(op.output()));
    v.put("size", op.output().shape().elementCount());
    v.put("scratch", scope.scratch());
    v.put("scratchBytes", scope.scratchBytes());
  }
}
