package org.tinysim.engine.patch;

/** A patch configuration that cannot run on a graph; the message names the op and the reason. */
public final class PatchNotApplicableException extends IllegalArgumentException {

  public PatchNotApplicableException(String message) {
    super(message);
  }
}
