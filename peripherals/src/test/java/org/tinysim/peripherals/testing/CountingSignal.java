package org.tinysim.peripherals.testing;

import org.tinysim.emulator.exceptions.InterruptSignal;

/** Counts how often devices asked the core to re-check pending exceptions. */
public final class CountingSignal implements InterruptSignal {
  private int requests;

  @Override
  public void requestCheck() {
    requests++;
  }

  public int requests() {
    return requests;
  }
}
