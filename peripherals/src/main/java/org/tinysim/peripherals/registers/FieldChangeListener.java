package org.tinysim.peripherals.registers;

/** Notified after a bus write changed a field's stored value. */
@FunctionalInterface
public interface FieldChangeListener {
  void changed(long oldValue, long newValue);
}
