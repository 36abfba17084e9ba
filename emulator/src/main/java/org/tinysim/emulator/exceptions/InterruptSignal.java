package org.tinysim.emulator.exceptions;

/**
 * Lets devices make an exception pending without knowing who delivers it. The core re-checks
 * pending exceptions at the next block boundary after {@link #requestCheck()}.
 */
public interface InterruptSignal {
    void requestCheck();
}
