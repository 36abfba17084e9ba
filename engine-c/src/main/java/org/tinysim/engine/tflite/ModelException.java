package org.tinysim.engine.tflite;

/**
 * Base of the errors raised while importing a model: unchecked so that importer, IR converter and
 * prepare pass can share one failure channel; callers catch this type to report a bad model.
 */
public abstract sealed class ModelException extends RuntimeException
    permits ModelFormatException, UnsupportedOperatorException {

  protected ModelException(String message) {
    super(message);
  }

  protected ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
