package org.tinysim.engine.oracle.interpreter;

import org.tinysim.engine.ir.Op;

/** A graph the interpreter cannot run, or inputs that do not fit it; names the location. */
public final class InterpreterException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InterpreterException(String message) {
    super(message);
  }

  public InterpreterException(String message, Throwable cause) {
    super(message, cause);
  }

  /** "model m.tflite, operator 3 (MEAN): what". */
  static InterpreterException at(String source, Op op, String what, Throwable cause) {
    return new InterpreterException(
        "model " + source + ", operator " + op.index() + " (" + op.opName() + "): " + what, cause);
  }
}
