package org.tinysim.harness.toolchain;

/** The cross toolchain is missing, or compiling / linking failed (message has gcc's output). */
public final class ToolchainException extends RuntimeException {

  public ToolchainException(String message) {
    super(message);
  }

  public ToolchainException(String message, Throwable cause) {
    super(message, cause);
  }
}
