package org.tinysim.engine.oracle.interpreter;

import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.PreparedOp;

/**
 * Runs one operator kind: translates the prepared params into the reference kernel's params,
 * reads the operands from {@code values} and returns the output tensor's value. Unsupported
 * cases throw IllegalArgumentException; the interpreter adds the operator's location.
 */
@FunctionalInterface
interface OpRunner<O extends Op> {

  TensorData run(O op, PreparedOp prepared, Values values);
}
