package org.tinysim.engine.oracle.interpreter;

import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedOp;
import org.tinysim.engine.oracle.FullyConnectedInt8;
import org.tinysim.engine.oracle.FullyConnectedParams;

/** FULLY_CONNECTED. */
final class FullyConnectedRunner {

  private FullyConnectedRunner() {}

  static TensorData run(Op.FullyConnected op, PreparedOp prepared, Values v) {
    OpParams.FullyConnected p = prepared.params(OpParams.FullyConnected.class);
    // Prepare fills every channel with the per-tensor multiplier; the kernel reads a
    // one-element array as per-tensor (which also allows a non-zero weight zero point).
    int[] multipliers = p.outputMultiplier();
    int[] shifts = p.outputShift();
    if (!p.perChannel()) {
      multipliers = new int[] {multipliers[0]};
      shifts = new int[] {shifts[0]};
    }
    FullyConnectedParams k = new FullyConnectedParams(p.inputOffset(), p.filterOffset(),
        p.outputOffset(), multipliers, shifts, p.actMin(), p.actMax());
    byte[] out = Shapes.int8Output(op.output());
    FullyConnectedInt8.run(k, p.batches(), v.int8(op.input()), p.outputDepth(),
        v.int8(op.weights()), v.bias(op.bias()), out);
    return TensorData.int8(out);
  }
}
