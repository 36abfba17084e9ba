package org.tinysim.peripherals.interrupts;

/** Receives the level of an {@link IrqLine}; implemented by whatever the board wires it to. */
@FunctionalInterface
public interface IrqListener {
  void levelChanged(boolean high);
}
