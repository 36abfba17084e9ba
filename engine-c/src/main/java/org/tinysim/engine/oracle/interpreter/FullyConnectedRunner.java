package org.tinysim.engine.oracle.interpreter;

import org.tinysim.engine.ir.Op;
import org.tinysim.engine.oracle.FullyConnectedInt8;
import org.tinysim.engine.oracle.FullyConnectedParams;
import org.tinysim.engine.oracle.OpPreparation;

/** FULLY_CONNECTED. */
final class FullyConnectedRunner {

  private FullyConnectedRunner() {}

  static OpRunner.Step run(Op.FullyConnected op) {
    FullyConnectedParams k = OpPreparation.fullyConnected(op);
    return v -> {
      byte[] out = Shapes.int8Output(op.output());
      FullyConnectedInt8.run(
          k,
          op.batches(),
          v.int8(op.input()),
          op.outputDepth(),
          v.int8(op.weights()),
          v.bias(op.bias()),
          out);
      return TensorData.int8(out);
    };
  }
}
