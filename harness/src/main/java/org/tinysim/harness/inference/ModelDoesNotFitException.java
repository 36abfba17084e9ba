package org.tinysim.harness.inference;

/** The model's activations or weights cannot fit the STM32F746's SRAM or flash. */
public final class ModelDoesNotFitException extends RuntimeException {
  public ModelDoesNotFitException(String message) {
    super(message);
  }
}
