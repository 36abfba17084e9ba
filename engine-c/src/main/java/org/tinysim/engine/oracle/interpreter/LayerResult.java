package org.tinysim.engine.oracle.interpreter;

import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Tensor;

/** One executed operator: its output value and the wall time the reference kernel took. */
public record LayerResult(Op op, TensorData output, long nanos) {

  public int index() {
    return op.index();
  }

  public Tensor tensor() {
    return op.output();
  }
}
