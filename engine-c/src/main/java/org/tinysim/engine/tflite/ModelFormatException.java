package org.tinysim.engine.tflite;

/** The model bytes or structure are invalid: truncated, garbled, or internally inconsistent. */
public final class ModelFormatException extends ModelException {

  public ModelFormatException(String message) {
    super(message);
  }

  public ModelFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
