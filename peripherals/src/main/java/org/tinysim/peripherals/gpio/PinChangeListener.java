package org.tinysim.peripherals.gpio;

/** Told about every change of an output data bit. */
@FunctionalInterface
public interface PinChangeListener {
  void pinChanged(String port, int pin, boolean level, long cycle);
}
