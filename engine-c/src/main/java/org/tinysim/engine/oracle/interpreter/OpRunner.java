package org.tinysim.engine.oracle.interpreter;

import org.tinysim.engine.ir.Op;

/**
 * Runs one operator kind. {@link #prepare} derives the kernel's params from the IR operator once
 * (the oracle's own Prepare step, {@link org.tinysim.engine.oracle.OpPreparation}); the returned
 * step reads the operands from the values of one run and returns the output tensor's value.
 * Unsupported cases throw IllegalArgumentException; the interpreter adds the location.
 */
@FunctionalInterface
interface OpRunner<O extends Op> {

  Step prepare(O op);

  /** One prepared operator, run once per inference. */
  @FunctionalInterface
  interface Step {
    TensorData run(Values values);
  }
}
