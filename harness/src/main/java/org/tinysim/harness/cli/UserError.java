package org.tinysim.harness.cli;

/** A problem with what the user asked for or gave us (file, input, model): exit code 2. */
public final class UserError extends RuntimeException {

  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
