package org.tinysim.engine.training;

/** A training spec that is malformed or asks for an update the model cannot do. */
public class TrainingSpecException extends IllegalArgumentException {

  public TrainingSpecException(String message) {
    super(message);
  }
}
