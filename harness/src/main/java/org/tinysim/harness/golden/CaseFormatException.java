package org.tinysim.harness.golden;

/** A golden case or baseline file that cannot be used; the message names the file and field. */
public final class CaseFormatException extends RuntimeException {

  public CaseFormatException(String message) {
    super(message);
  }

  public CaseFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
