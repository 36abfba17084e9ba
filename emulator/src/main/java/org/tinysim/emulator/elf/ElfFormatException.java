package org.tinysim.emulator.elf;

/** The file is not a loadable 32-bit little-endian ARM executable. */
public final class ElfFormatException extends RuntimeException {
  public ElfFormatException(String message) {
    super(message);
  }

  public ElfFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
