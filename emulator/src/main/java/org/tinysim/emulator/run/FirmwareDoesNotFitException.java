package org.tinysim.emulator.run;

/** The image cannot be placed on the board (too large for flash, or outside every real region). */
public final class FirmwareDoesNotFitException extends RuntimeException {
  public FirmwareDoesNotFitException(String message) {
    super(message);
  }
}
