package org.tinysim.engine.training;

/** A training program whose peak SRAM exceeds the spec's budget. */
public class TrainingDoesNotFitException extends RuntimeException {

  private final long overBytes;

  public TrainingDoesNotFitException(String message, long overBytes) {
    super(message);
    this.overBytes = overBytes;
  }

  public long overBytes() {
    return overBytes;
  }
}
