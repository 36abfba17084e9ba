package org.tinysim.peripherals.registers;

/**
 * Implemented by each device's {@code enum Reg}: a register's offset from the device base. The
 * constant's name, upper-cased, becomes the register name in logs.
 */
public interface RegisterOffset {
  long offset();

  String name();
}
