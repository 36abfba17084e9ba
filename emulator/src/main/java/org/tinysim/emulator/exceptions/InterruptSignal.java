package org.tinysim.emulator.exceptions;

/**
 * Lets devices make an exception pending without knowing who delivers it. After {@link
 * #requestCheck()} the core takes an exception that may preempt at the next block boundary (or
 * before resuming, when called between runs); one held back only by PRIMASK/BASEPRI/FAULTMASK is
 * taken at the first block boundary after the masks drop.
 */
public interface InterruptSignal {
  void requestCheck();
}
