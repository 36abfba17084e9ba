package org.tinysim.engine.tflite;

/**
 * The model is valid TFLite but uses an operator, option or data type combination this engine
 * cannot compile. The message names the operator, its index and the model.
 */
public final class UnsupportedOperatorException extends ModelException {

  public UnsupportedOperatorException(String message) {
    super(message);
  }
}
